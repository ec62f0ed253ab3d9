using System.Security.Cryptography;
using Realtime.WebRtc.Jitter;
using Realtime.WebRtc.Sdp;

namespace Realtime.WebRtc.Media;

/// <summary>
/// One audio m= section of a peer connection, shaped like the browser's <c>RTCRtpTransceiver</c>: a wanted
/// direction, the direction and codec the offer/answer settled, and the sender and receiver that carry the audio.
/// </summary>
public sealed class RtcAudioTransceiver
{
    internal RtcAudioTransceiver(RtcAudioTransceiverInit init, TimeProvider time)
    {
        Direction = init.Direction;
        Codecs = init.Codecs;
        JitterBuffer = init.JitterBuffer;
        Sender = new RtcAudioSender((uint)RandomNumberGenerator.GetInt32(1, int.MaxValue), time);
        Receiver = new RtcAudioReceiver();
    }

    /// <summary>The section's <c>a=mid</c>, once a description carrying it was created or applied.</summary>
    public string? Mid { get; internal set; }

    /// <summary>What we want to do; read when the next offer or answer is created.</summary>
    public SdpDirection Direction { get; set; }

    /// <summary>What both sides agreed (from our point of view), once both descriptions are set.</summary>
    public SdpDirection? CurrentDirection { get; internal set; }

    /// <summary>The codec both sides send, with the payload type the SDP gave it, once negotiated.</summary>
    public RtcAudioCodecInfo? Codec { get; internal set; }

    public RtcAudioSender Sender { get; }

    public RtcAudioReceiver Receiver { get; }

    /// <summary>Codec names we implement and want, in order of preference.</summary>
    internal IReadOnlyList<string> Codecs { get; }

    internal JitterBufferOptions? JitterBuffer { get; }

    /// <summary>The media state machine once negotiated; the peer connection's driver owns and disposes it.</summary>
    internal AudioSession? Session { get; private set; }

    /// <summary>getStats() for this transceiver; zeros before media flows.</summary>
    public RtcAudioStats GetStats() => Session?.GetStats() ?? RtcAudioStats.Empty with { Codec = Codec?.Name, PayloadType = Codec?.PayloadType };

    /// <summary>
    /// Settles the transceiver from the answer's audio section (its direction as written there, which is the
    /// offerer's mirror unless <paramref name="weAnswered"/>). Null when audio was refused or is inactive.
    /// </summary>
    internal AudioSession? Negotiate(MediaDescription answer, bool weAnswered, string cname, Func<DateTimeOffset> wallClock)
    {
        Mid = answer.Mid;
        RtcAudioCodecInfo[] codecs = [.. answer.AudioFormats.Select(f => RtcAudioCodecInfo.From(f, answer)).OfType<RtcAudioCodecInfo>()];
        SdpDirection direction = weAnswered ? answer.Direction : Mirror(answer.Direction);
        CurrentDirection = answer.IsRejected ? SdpDirection.Inactive : direction;
        Codec = codecs.FirstOrDefault();
        if (answer.IsRejected || Codec is null || direction == SdpDirection.Inactive)
        {
            return null;
        }
        Session = new AudioSession(new AudioSessionOptions
        {
            Codecs = codecs,
            Sends = direction is SdpDirection.SendRecv or SdpDirection.SendOnly,
            Receives = direction is SdpDirection.SendRecv or SdpDirection.RecvOnly,
            LocalSsrc = Sender.Ssrc,
            Cname = cname,
            JitterBuffer = JitterBuffer,
            WallClock = wallClock,
        });
        Receiver.Attach(Session);
        return Session;
    }

    private static SdpDirection Mirror(SdpDirection direction) => direction switch
    {
        SdpDirection.SendOnly => SdpDirection.RecvOnly,
        SdpDirection.RecvOnly => SdpDirection.SendOnly,
        _ => direction,
    };
}
