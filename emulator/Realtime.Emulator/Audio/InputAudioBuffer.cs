using Realtime.WebRtc.Audio;

namespace Realtime.Emulator.Audio;

/// <summary>
/// The input audio not yet committed, with each frame's start on the audio timeline, so a commit can take exactly
/// the span from speech start minus prefix padding to speech end. It keeps at most <see cref="Capacity"/> of audio
/// (the newest), so a client that never commits, or a speaker who never pauses, cannot grow a call without bound.
/// </summary>
internal sealed class InputAudioBuffer
{
    public static readonly TimeSpan Capacity = TimeSpan.FromMinutes(2);
    private static readonly int CapacityFrames = (int)(Capacity / PcmFrame.Duration);

    private readonly List<(PcmFrame Frame, TimeSpan At)> _frames = [];

    public bool IsEmpty => _frames.Count == 0;

    /// <summary>Where the buffered audio begins; zero when empty.</summary>
    public TimeSpan Start => IsEmpty ? TimeSpan.Zero : _frames[0].At;

    /// <summary>Where the buffered audio ends; zero when empty.</summary>
    public TimeSpan End => IsEmpty ? TimeSpan.Zero : _frames[^1].At + PcmFrame.Duration;

    public void Append(PcmFrame frame, TimeSpan at)
    {
        if (_frames.Count == CapacityFrames)
        {
            _frames.RemoveAt(0);
        }
        _frames.Add((frame, at));
    }

    /// <summary>Drops frames that end at or before <paramref name="time"/>: between turns only the prefix padding is kept.</summary>
    public void DropBefore(TimeSpan time) => _frames.RemoveAll(f => f.At + PcmFrame.Duration <= time);

    /// <summary>Removes and returns the frames that overlap [<paramref name="from"/>, <paramref name="to"/>); later ones stay.</summary>
    public IReadOnlyList<PcmFrame> Take(TimeSpan from, TimeSpan to)
    {
        var taken = _frames.Where(f => f.At + PcmFrame.Duration > from && f.At < to).Select(f => f.Frame).ToList();
        _frames.RemoveAll(f => f.At < to);
        return taken;
    }

    public void Clear() => _frames.Clear();
}
