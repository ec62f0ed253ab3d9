namespace Realtime.WebRtc.Sctp;

/// <summary>
/// Per-message delivery semantics. Partial reliability (RFC 3758) abandons a message after
/// <see cref="MaxRetransmits"/> retransmissions or once <see cref="Lifetime"/> has passed; the receiver
/// skips it via FORWARD-TSN.
/// </summary>
public readonly record struct SctpSendOptions(bool Unordered = false, int? MaxRetransmits = null, TimeSpan? Lifetime = null);
