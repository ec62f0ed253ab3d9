using Realtime.Cli.Output;
using Realtime.Client.Speaking;

namespace Realtime.Cli.Load;

/// <summary>What a load run's speakers have done so far, updated from many threads and read by the live table.</summary>
internal sealed class LoadStatistics
{
    private readonly Lock _gate = new();
    private readonly List<TimeSpan> _latencies = [];
    private AudioPlayback _audio = AudioPlayback.None;
    private string? _firstError;

    public int Connected { get; private set; }

    public int Finished { get; private set; }

    public int Settled { get; private set; }

    public int Errors { get; private set; }

    public string? FirstError
    {
        get { lock (_gate) return _firstError; }
    }

    public AudioPlayback Audio
    {
        get { lock (_gate) return _audio; }
    }

    public LatencySummary Latency
    {
        get { lock (_gate) return LatencySummary.Of(_latencies); }
    }

    /// <summary>Late frames as a share of frames sent, in percent.</summary>
    public double LatePercent
    {
        get
        {
            var audio = Audio;
            return audio.FramesSent == 0 ? 0 : 100.0 * audio.FramesLate / audio.FramesSent;
        }
    }

    public void OnConnected()
    {
        lock (_gate) Connected++;
    }

    public void OnPlayed(AudioPlayback playback)
    {
        lock (_gate) _audio = _audio.Add(playback);
    }

    public void OnFinished(SpeakerTurns turns)
    {
        lock (_gate)
        {
            Finished++;
            Settled += turns.Settled;
            _latencies.AddRange(turns.FinalLatencies);
        }
    }

    public void OnError(string message)
    {
        lock (_gate)
        {
            Errors++;
            _firstError ??= message;
        }
    }
}
