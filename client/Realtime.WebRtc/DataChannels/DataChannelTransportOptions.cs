using Realtime.WebRtc.Dtls;
using Realtime.WebRtc.Sctp;

namespace Realtime.WebRtc.DataChannels;

/// <summary>Settings for a <see cref="DataChannelTransport"/>, mostly taken from the SDP exchange.</summary>
public sealed class DataChannelTransportOptions
{
    public DtlsOptions Dtls { get; init; } = new();

    public SctpOptions Sctp { get; init; } = new();

    /// <summary>The peer's <c>a=max-message-size</c>; larger sends are refused. Chromium says 262144; RFC 8841 defaults to 64 KiB when absent.</summary>
    public int RemoteMaxMessageSize { get; init; } = 262_144;
}
