using System.Diagnostics.CodeAnalysis;

namespace Realtime.WebRtc.Audio;

/// <summary>A WAV file as a source of frames (read whole, via <see cref="WavReader"/>); the last frame is padded with silence.</summary>
public sealed class WavFileSource : IAudioSource
{
    private readonly short[] _samples;
    private int _offset;

    public WavFileSource(short[] samples48kMono) => _samples = samples48kMono;

    /// <summary>Opens and reads a WAV file; throws <see cref="WavFormatException"/> when it is not playable.</summary>
    public static WavFileSource Open(string path)
    {
        using FileStream file = File.OpenRead(path);
        return new WavFileSource(WavReader.Read(file));
    }

    /// <summary>The file's length at 48 kHz.</summary>
    public TimeSpan Duration => TimeSpan.FromSeconds(_samples.Length / (double)PcmFrame.SampleRate);

    public bool TryReadFrame([NotNullWhen(true)] out PcmFrame? frame)
    {
        frame = null;
        if (_offset >= _samples.Length)
        {
            return false;
        }
        var samples = new short[PcmFrame.SamplesPerFrame];
        int count = Math.Min(samples.Length, _samples.Length - _offset);
        _samples.AsSpan(_offset, count).CopyTo(samples);
        _offset += count;
        frame = new PcmFrame(samples);
        return true;
    }
}
