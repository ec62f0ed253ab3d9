using Realtime.WebRtc.Audio;

namespace Realtime.WebRtc.Codecs;

/// <summary>
/// An RTP audio codec between 20 ms PCM frames and RTP payloads. One instance per stream and direction
/// pair, since encoders and decoders keep state (prediction, concealment). The payload type is whatever the
/// SDP negotiated, so it is given to each codec, never assumed.
/// </summary>
public interface IAudioCodec : IDisposable
{
    /// <summary>The SDP encoding name: <c>opus</c>, <c>PCMU</c>, <c>PCMA</c>.</summary>
    string Name { get; }

    /// <summary>The negotiated RTP payload type.</summary>
    byte PayloadType { get; }

    /// <summary>The RTP clock rate from the SDP rtpmap.</summary>
    int ClockRate { get; }

    /// <summary>RTP timestamp ticks one 20 ms frame advances.</summary>
    uint TimestampsPerFrame { get; }

    byte[] Encode(PcmFrame frame);

    PcmFrame Decode(ReadOnlySpan<byte> payload);

    /// <summary>
    /// A stand-in for a lost frame. <paramref name="nextPayload"/> is the following packet's payload when it
    /// already arrived (Opus can rebuild the lost frame from its in-band FEC), or empty.
    /// </summary>
    PcmFrame Conceal(ReadOnlySpan<byte> nextPayload);
}
