using Realtime.WebRtc.Audio;

namespace Realtime.WebRtc.Media;

/// <summary>
/// The sending side of an audio transceiver (the browser's <c>RTCRtpSender</c> with its track folded in): the caller
/// either hands it frames at its own pace with <see cref="SendFrame"/>, or lets <see cref="PlayAsync"/> pace a source
/// in real time on the connection's clock.
/// </summary>
public sealed class RtcAudioSender
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TimeProvider _time;
    private AudioSession? _session;
    private Action? _flush;

    internal RtcAudioSender(uint ssrc, TimeProvider time)
    {
        Ssrc = ssrc;
        _time = time;
    }

    /// <summary>Our RTP synchronization source, announced in the SDP's <c>a=ssrc</c>.</summary>
    public uint Ssrc { get; }

    /// <summary>While muted, silence is encoded and sent in place of each frame, so the stream and its timestamps keep going.</summary>
    public bool Muted { get; set; }

    /// <summary>Completes once SRTP is keyed and the negotiated direction lets us send; faults when it does not, or the connection closes first.</summary>
    public Task Ready => _ready.Task;

    /// <summary>Encodes and sends one 20 ms frame now. False (the frame is dropped) before <see cref="Ready"/>, when not sending, or once closed.</summary>
    public bool SendFrame(PcmFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (_session is not { } session || !session.Send(frame, Muted, WebRtcClock.Now(_time)))
        {
            return false;
        }
        _flush?.Invoke();
        return true;
    }

    /// <summary>
    /// Waits for <see cref="Ready"/>, then sends the source's frames one per 20 ms of the connection's clock (frame n
    /// at start + n × 20 ms, so a late wake-up catches up instead of drifting) until the source ends, the token is
    /// cancelled (<see cref="OperationCanceledException"/>) or the connection closes.
    /// </summary>
    public async Task PlayAsync(IAudioSource source, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        await Ready.WaitAsync(cancellationToken);
        TimeSpan start = WebRtcClock.Now(_time);
        for (long sent = 0; source.TryReadFrame(out PcmFrame? frame); sent++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            TimeSpan wait = start + sent * PcmFrame.Duration - WebRtcClock.Now(_time);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, _time, cancellationToken);
            }
            if (!SendFrame(frame) && _session?.CanSend != true)
            {
                return; // closed under us
            }
        }
    }

    internal void Attach(AudioSession session, Action flush)
    {
        _session = session;
        _flush = flush;
    }

    /// <summary>Called by the driver once SRTP is keyed.</summary>
    internal void OnKeyed()
    {
        if (_session?.CanSend == true)
        {
            _ready.TrySetResult();
        }
        else
        {
            _ready.TrySetException(new InvalidOperationException("The negotiated audio direction does not let us send."));
        }
    }

    internal void OnClosed() => _ready.TrySetException(new InvalidOperationException("The peer connection closed before audio could be sent."));
}
