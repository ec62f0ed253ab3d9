namespace Realtime.WebRtc.DataChannels;

/// <summary>Options for a new channel, as in the browser's <c>RTCDataChannelInit</c>.</summary>
public sealed class DataChannelInit
{
    public bool Ordered { get; init; } = true;

    /// <summary>Partial reliability: give a message up after this many retransmissions.</summary>
    public int? MaxRetransmits { get; init; }

    /// <summary>Partial reliability: give a message up once it is this old.</summary>
    public TimeSpan? MaxPacketLifeTime { get; init; }

    public string Protocol { get; init; } = "";

    /// <summary>Both sides create the channel with the same <see cref="Id"/> themselves; no DCEP handshake.</summary>
    public bool Negotiated { get; init; }

    /// <summary>Stream id; required when negotiated, otherwise chosen by DTLS role (client even, server odd).</summary>
    public ushort? Id { get; init; }

    /// <summary>DCEP priority (RFC 8832 §5.1): 128 below normal, 256 normal, 512 high, 1024 extra high.</summary>
    public ushort Priority { get; init; } = 256;
}
