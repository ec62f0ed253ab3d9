using System.Buffers.Binary;
using System.Diagnostics;

namespace Realtime.Testing.Audio;

/// <summary>
/// A test microphone recording made at test time: phrases spoken by espeak-ng, resampled and trimmed by sox, laid
/// out as 48 kHz mono 16-bit PCM with exact silences between them. The turns' boundaries are measured from the
/// audio's energy afterwards, so a test asserts against what the file holds rather than what the layout intended.
/// espeak-ng and sox are Debian packages CI installs; without them generation fails and says so.
/// </summary>
public sealed class SpokenWav
{
    public const int SampleRate = 48_000;

    /// <summary>A 10 ms window counts as speech at or above this RMS level: quieter than any voiced sound.</summary>
    public const double SpeechThresholdDbfs = -45;

    private static readonly TimeSpan Window = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan ToolLimit = TimeSpan.FromSeconds(60);

    private SpokenWav(string path, short[] samples, IReadOnlyList<SpokenTurn> turns)
    {
        Path = path;
        Samples = samples;
        Turns = turns;
    }

    public string Path { get; }

    public short[] Samples { get; }

    public IReadOnlyList<SpokenTurn> Turns { get; }

    public TimeSpan Duration => TimeSpan.FromSeconds(Samples.Length / (double)SampleRate);

    /// <summary>
    /// Three turns as the call tests use them: 0.5 s of silence, then each phrase followed by 3 s of silence, room
    /// for server_vad's 500 ms of silence and the emulator's spoken answer (under 2 s) before the next turn starts.
    /// </summary>
    public static Task<SpokenWav> ThreeTurnsAsync(string path) =>
        CreateAsync(path, ["Hello there emulator", "What is the weather like today", "Good night and thank you"],
            TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(3));

    /// <summary>Speaks <paramref name="phrases"/> into <paramref name="path"/> after <paramref name="leading"/> silence, each followed by <paramref name="gap"/>.</summary>
    public static async Task<SpokenWav> CreateAsync(string path, IReadOnlyList<string> phrases, TimeSpan leading, TimeSpan gap)
    {
        var work = Directory.CreateTempSubdirectory("spoken-wav-");
        try
        {
            var samples = new List<short>(Silence(leading));
            var spans = new List<(string, int, int)>();
            for (int i = 0; i < phrases.Count; i++)
            {
                var speech = await SpeakAsync(phrases[i], System.IO.Path.Combine(work.FullName, $"phrase{i}"));
                spans.Add((phrases[i], samples.Count, samples.Count + speech.Length));
                samples.AddRange(speech);
                samples.AddRange(Silence(gap));
            }
            var all = samples.ToArray();
            await File.WriteAllBytesAsync(path, Wav(all));
            return new SpokenWav(path, all, spans.Select(s => Measure(all, s.Item1, s.Item2, s.Item3)).ToList());
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    /// <summary>One phrase as 48 kHz samples with espeak-ng's own leading and trailing silence cut off by sox.</summary>
    private static async Task<short[]> SpeakAsync(string phrase, string stem)
    {
        await RunAsync("espeak-ng", "-w", stem + ".wav", phrase);
        await RunAsync("sox", stem + ".wav", "-r", "48000", "-c", "1", "-b", "16", "-e", "signed-integer", "-t", "raw", stem + ".raw",
            "silence", "1", "0.01", "-50d", "reverse", "silence", "1", "0.01", "-50d", "reverse");
        var bytes = await File.ReadAllBytesAsync(stem + ".raw");
        var samples = new short[bytes.Length / 2];
        for (int i = 0; i < samples.Length; i++)
        {
            samples[i] = BinaryPrimitives.ReadInt16LittleEndian(bytes.AsSpan(i * 2));
        }
        return samples;
    }

    private static async Task RunAsync(string tool, params string[] arguments)
    {
        var info = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        ProcessRun run;
        try
        {
            run = await ProcessRun.ToExitAsync(info, ToolLimit);
        }
        catch (System.ComponentModel.Win32Exception missing)
        {
            throw new InvalidOperationException($"{tool} is required to make test speech (Debian: apt-get install espeak-ng sox): {missing.Message}", missing);
        }
        Assert.True(run.ExitCode == 0, $"{tool} failed ({run.ExitCode}): {run.Error}");
    }

    /// <summary>The first and last loud 10 ms window of the phrase's span.</summary>
    private static SpokenTurn Measure(short[] samples, string text, int from, int to)
    {
        var window = (int)(SampleRate * Window.TotalSeconds);
        int? first = null;
        int last = from;
        for (int at = from; at + window <= to; at += window)
        {
            if (RmsDbfs(samples.AsSpan(at, window)) >= SpeechThresholdDbfs)
            {
                first ??= at;
                last = at + window;
            }
        }
        Assert.True(first.HasValue, $"espeak-ng produced no audible speech for \"{text}\"");
        return new SpokenTurn(text, Time(first.Value), Time(last));
    }

    private static double RmsDbfs(ReadOnlySpan<short> samples)
    {
        double sum = 0;
        foreach (var sample in samples) sum += (double)sample * sample;
        return 20 * Math.Log10(Math.Max(Math.Sqrt(sum / samples.Length) / 32768.0, 1e-9));
    }

    private static TimeSpan Time(int sample) => TimeSpan.FromSeconds(sample / (double)SampleRate);

    private static short[] Silence(TimeSpan length) => new short[(int)Math.Round(length.TotalSeconds * SampleRate)];

    /// <summary>A canonical 44-byte RIFF/WAVE header followed by the samples.</summary>
    private static byte[] Wav(short[] samples)
    {
        var data = samples.Length * 2;
        var wav = new byte[44 + data];
        var span = wav.AsSpan();
        "RIFF"u8.CopyTo(span);
        BinaryPrimitives.WriteInt32LittleEndian(span[4..], 36 + data);
        "WAVEfmt "u8.CopyTo(span[8..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[16..], 16);
        BinaryPrimitives.WriteInt16LittleEndian(span[20..], 1);
        BinaryPrimitives.WriteInt16LittleEndian(span[22..], 1);
        BinaryPrimitives.WriteInt32LittleEndian(span[24..], SampleRate);
        BinaryPrimitives.WriteInt32LittleEndian(span[28..], SampleRate * 2);
        BinaryPrimitives.WriteInt16LittleEndian(span[32..], 2);
        BinaryPrimitives.WriteInt16LittleEndian(span[34..], 16);
        "data"u8.CopyTo(span[36..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[40..], data);
        for (int i = 0; i < samples.Length; i++) BinaryPrimitives.WriteInt16LittleEndian(span[(44 + (i * 2))..], samples[i]);
        return wav;
    }
}
