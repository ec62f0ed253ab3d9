namespace Realtime.WebRtc.Sctp;

/// <summary>A user message being sent, shared by its fragments so partial reliability can abandon it whole.</summary>
internal sealed class OutboundMessage(ushort streamId, SctpSendOptions options, TimeSpan? expiresAt)
{
    public ushort StreamId { get; } = streamId;
    public SctpSendOptions Options { get; } = options;
    public TimeSpan? ExpiresAt { get; } = expiresAt;
    public bool Abandoned { get; set; }

    /// <summary>Whether the message should be given up (RFC 3758 §3.1): too many retransmissions or past its lifetime.</summary>
    public bool ShouldAbandon(int transmissions, TimeSpan now) =>
        (Options.MaxRetransmits is { } max && transmissions > max)
        || (ExpiresAt is { } expires && now >= expires);
}
