namespace Realtime.WebRtc.Rtp;

/// <summary>One SDES chunk: a source and its canonical name, which ties its streams together (RFC 3550 §6.5.1).</summary>
public sealed record RtcpCname(uint Ssrc, string Cname);
