namespace Realtime.WebRtc.Media;

/// <summary>
/// The receiving side of an audio transceiver: decoded frames come out of the jitter buffer every 20 ms of the
/// connection's clock, ready for a speaker, a recorder or a voice-activity detector.
/// </summary>
public sealed class RtcAudioReceiver
{
    private AudioSession? _session;

    internal RtcAudioReceiver()
    {
    }

    /// <summary>
    /// Raised on the connection's driver thread for each played frame, in order, starting once the first packet has
    /// waited the jitter buffer's target delay. Handlers must return quickly: the next frame waits for them.
    /// </summary>
    public event Action<RtcAudioFrame>? FrameReceived;

    /// <summary>The media time of the next frame to be played (how much of the remote stream has been played).</summary>
    public TimeSpan MediaTime => _session?.MediaTime ?? TimeSpan.Zero;

    /// <summary>The synchronization source the peer sends from, once a packet arrived.</summary>
    public uint? RemoteSsrc => _session?.RemoteSsrc;

    internal void Attach(AudioSession session) => _session = session;

    internal void Deliver(RtcAudioFrame frame) => FrameReceived?.Invoke(frame);
}
