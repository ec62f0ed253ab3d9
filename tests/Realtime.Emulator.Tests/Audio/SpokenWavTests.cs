using Realtime.Testing.Audio;
using Realtime.WebRtc.Audio;
using Realtime.WebRtc.Codecs;
using Xunit.Abstractions;

namespace Realtime.Emulator.Tests.Audio;

/// <summary>
/// The generated speech WAV the call tests play: it holds what it claims (48 kHz mono, three turns after 0.5 s and
/// 1.5 s of silence), and the engine, hearing it through Opus, finds its turns where the audio's energy says they are.
/// </summary>
public sealed class SpokenWavTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"spoken-{Guid.NewGuid():N}.wav");
    private SpokenWav _wav = null!;

    public async Task InitializeAsync() => _wav = await SpokenWav.ThreeTurnsAsync(_path);

    public Task DisposeAsync()
    {
        File.Delete(_path);
        return Task.CompletedTask;
    }

    [Fact]
    public void The_file_is_48_kHz_mono_with_three_turns_in_the_stated_layout()
    {
        var samples = WavReader.Read(File.ReadAllBytes(_path));

        Assert.Equal(_wav.Samples, samples);
        Assert.Equal(3, _wav.Turns.Count);
        Assert.InRange(_wav.Turns[0].Start.TotalMilliseconds, 500, 600);
        for (int i = 0; i < 3; i++)
        {
            output.WriteLine($"turn {i + 1} \"{_wav.Turns[i].Text}\": {_wav.Turns[i].Start.TotalMilliseconds:0}–{_wav.Turns[i].End.TotalMilliseconds:0} ms");
            Assert.InRange(_wav.Turns[i].Length.TotalMilliseconds, 500, 3000);
            if (i > 0) Assert.True(_wav.Turns[i].Start - _wav.Turns[i - 1].End >= TimeSpan.FromMilliseconds(1500));
        }
    }

    [Fact]
    public void Through_Opus_the_engine_hears_each_turn_at_its_measured_boundaries()
    {
        using var encoder = new OpusCodec(111);
        using var decoder = new OpusCodec(111);
        var source = new WavFileSource(_wav.Samples);
        var frames = new List<PcmFrame>();
        while (source.TryReadFrame(out var frame)) frames.Add(decoder.Decode(encoder.Encode(frame)));

        var run = new TurnRun(Sessions.Transcription()).Feed(frames);

        var started = run.OfType("input_audio_buffer.speech_started").Select(e => (long)e["audio_start_ms"]! + 300).ToList();
        var stopped = run.OfType("input_audio_buffer.speech_stopped").Select(e => (long)e["audio_end_ms"]!).ToList();
        Assert.Equal(3, started.Count);
        Assert.Equal(3, stopped.Count);
        for (int i = 0; i < 3; i++)
        {
            output.WriteLine($"turn {i + 1}: heard {started[i]}–{stopped[i]} ms, measured {_wav.Turns[i].Start.TotalMilliseconds:0}–{_wav.Turns[i].End.TotalMilliseconds:0} ms");
            Assert.InRange(started[i], _wav.Turns[i].Start.TotalMilliseconds - 150, _wav.Turns[i].Start.TotalMilliseconds + 150);
            Assert.InRange(stopped[i], _wav.Turns[i].End.TotalMilliseconds - 150, _wav.Turns[i].End.TotalMilliseconds + 150);
        }
        Assert.Equal(3, run.OfType("conversation.item.input_audio_transcription.completed").Count());
    }
}
