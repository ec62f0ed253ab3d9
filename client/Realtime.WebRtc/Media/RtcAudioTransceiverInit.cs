using Realtime.WebRtc.Jitter;
using Realtime.WebRtc.Sdp;

namespace Realtime.WebRtc.Media;

/// <summary>How to set up an audio transceiver, in the spirit of the browser's <c>RTCRtpTransceiverInit</c>.</summary>
public sealed record RtcAudioTransceiverInit
{
    /// <summary>What we want to do with audio; the negotiated direction may be narrower.</summary>
    public SdpDirection Direction { get; init; } = SdpDirection.SendRecv;

    /// <summary>
    /// Codecs by name in order of preference ("opus", "PCMU", "PCMA"). An offer lists them in this order; an answer
    /// keeps the offer's order among these, so the offerer's preference wins, as in browsers.
    /// </summary>
    public IReadOnlyList<string> Codecs { get; init; } = ["opus", "PCMU", "PCMA"];

    /// <summary>The receive side's latency/smoothness trade; null for the defaults.</summary>
    public JitterBufferOptions? JitterBuffer { get; init; }
}
