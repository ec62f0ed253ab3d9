using Realtime.WebRtc.Audio;
using Realtime.WebRtc.Media;

namespace Realtime.Client.Speaking;

/// <summary>
/// Sends a source at real-time pace (frame n due at start + n × 20 ms, so a late wake-up catches up rather than
/// drifting) and counts the frames that went out late, which is how a loaded machine shows in the audio OpenAI hears.
/// </summary>
internal static class AudioPump
{
    public static async Task<AudioPlayback> PlayAsync(RtcAudioSender sender, IAudioSource source, IProgress<TimeSpan>? progress, TimeProvider time,
        CancellationToken cancellationToken)
    {
        await sender.Ready.WaitAsync(cancellationToken);
        var start = time.GetTimestamp();
        long sent = 0, late = 0, dropped = 0;
        while (source.TryReadFrame(out var frame))
        {
            var due = sent * PcmFrame.Duration;
            var lag = time.GetElapsedTime(start) - due;
            if (lag < TimeSpan.Zero) await Task.Delay(-lag, time, cancellationToken);
            else if (lag > PcmFrame.Duration) late++;
            if (!sender.SendFrame(frame)) dropped++;
            sent++;
            if (sent % 25 == 0) progress?.Report(sent * PcmFrame.Duration);
        }
        progress?.Report(sent * PcmFrame.Duration);
        return new AudioPlayback(sent, late, dropped, sent * PcmFrame.Duration);
    }
}
