using Realtime.WebRtc.Audio;
using Realtime.WebRtc.Tests.Codecs;

namespace Realtime.WebRtc.Tests.Audio;

public sealed class AudioSourceTests
{
    [Fact]
    public void A_48_khz_mono_file_is_read_as_is_and_framed_with_a_padded_tail()
    {
        short[] samples = [.. Enumerable.Range(0, 1000).Select(i => (short)i)];
        var source = new WavFileSource(WavReader.Read(WavWriter.Pcm16(48_000, 1, samples)));

        Assert.True(source.TryReadFrame(out PcmFrame? first));
        Assert.True(source.TryReadFrame(out PcmFrame? tail));
        Assert.False(source.TryReadFrame(out _));

        Assert.Equal(samples[..960], first.Samples.ToArray());
        Assert.Equal(999, tail.Samples[39]);
        Assert.Equal(0, tail.Samples[40]);
    }

    [Fact]
    public void An_8_khz_stereo_file_is_averaged_to_mono_and_interpolated_to_48_khz()
    {
        short[] interleaved = [0, 1200, 6000, 6000, 0, 0];

        short[] read = WavReader.Read(WavWriter.Pcm16(8_000, 2, interleaved));

        Assert.Equal(18, read.Length);
        Assert.Equal([600, 1500, 2400, 3300, 4200, 5100, 6000], read[..7]);
        Assert.Equal(0, read[12]);
    }

    [Theory]
    [InlineData(16_000, 3)]
    [InlineData(24_000, 2)]
    public void Lower_rates_are_upsampled_by_their_ratio(int rate, int ratio)
    {
        Assert.Equal(10 * ratio, WavReader.Read(WavWriter.Pcm16(rate, 1, new short[10])).Length);
    }

    [Fact]
    public void A_tone_from_a_16_khz_file_keeps_its_frequency()
    {
        short[] tone = [.. Enumerable.Range(0, 1600).Select(i => (short)(16000 * Math.Sin(2 * Math.PI * 500 * i / 16000.0)))];
        var source = new WavFileSource(WavReader.Read(WavWriter.Pcm16(16_000, 1, tone)));

        Assert.True(source.TryReadFrame(out PcmFrame? frame));

        Assert.InRange(TestSignals.Magnitude(frame.Samples, 500), 15000, 16500);
        Assert.Equal(TimeSpan.FromMilliseconds(100), source.Duration);
    }

    [Theory]
    [InlineData(44_100, 1, 1, 16, "44100 Hz is not supported")]
    [InlineData(48_000, 1, 3, 16, "format 3")]
    [InlineData(48_000, 1, 1, 8, "8-bit")]
    [InlineData(48_000, 6, 1, 16, "6 channels")]
    public void Unplayable_files_are_refused_with_the_reason(int rate, int channels, ushort format, ushort bits, string reason)
    {
        var error = Assert.Throws<WavFormatException>(() => WavReader.Read(WavWriter.Pcm16(rate, channels, new short[12], format, bits)));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Not_a_wav_file_is_refused()
    {
        Assert.Throws<WavFormatException>(() => WavReader.Read("hello world, not audio"u8));
        Assert.Throws<WavFormatException>(() => WavReader.Read(WavWriter.Pcm16(48_000, 1, []).AsSpan(0, 36)));
    }

    [Fact]
    public void The_tone_generator_is_continuous_across_frames_and_ends_after_its_duration()
    {
        var tone = new ToneSource(1000, 0.5, TimeSpan.FromMilliseconds(50));
        var frames = new List<PcmFrame>();
        while (tone.TryReadFrame(out PcmFrame? frame))
        {
            frames.Add(frame);
        }

        Assert.Equal(3, frames.Count);
        Assert.Equal(0.5, frames[0].Level, 2);
        Assert.InRange(TestSignals.Magnitude(frames[1].Samples, 1000) / 32767, 0.49, 0.51);
        // 1 kHz at 48 kHz is 48 samples a cycle: 960 is whole cycles, so frame 1 starts where frame 0 did.
        Assert.Equal(frames[0].Samples[..10].ToArray(), frames[1].Samples[..10].ToArray());
    }

    [Fact]
    public void Silence_is_silent_and_ends_after_its_duration()
    {
        var silence = new SilenceSource(TimeSpan.FromMilliseconds(40));

        Assert.True(silence.TryReadFrame(out PcmFrame? frame));
        Assert.True(silence.TryReadFrame(out _));
        Assert.False(silence.TryReadFrame(out _));
        Assert.Equal(0, frame.Level);
    }

    [Fact]
    public void A_frame_must_be_20_ms()
    {
        Assert.Throws<ArgumentException>(() => new PcmFrame(new short[480]));
    }
}
