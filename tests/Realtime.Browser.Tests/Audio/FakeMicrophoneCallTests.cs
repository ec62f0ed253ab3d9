using System.Text.Json;
using Realtime.Api.Tests.Infrastructure;
using Realtime.Testing.Audio;
using Realtime.Testing.Browser;
using Xunit.Abstractions;

namespace Realtime.Browser.Tests.Audio;

/// <summary>
/// Chromium's fake microphone speaks a WAV made at test time (three turns) into a call opened with a secret from
/// <c>/api/realtime-token</c>: the emulator finds the turns where the file has them, transcribes each once, and
/// answers each with audio Chromium receives; a transcription secret gets the transcriptions and no answer.
/// </summary>
public sealed class FakeMicrophoneCallTests(DevApiHost host, ITestOutputHelper output) : IClassFixture<DevApiHost>, IAsyncLifetime
{
    private const int TestTimeoutMs = 180_000;
    private static readonly TimeSpan Tolerance = TimeSpan.FromMilliseconds(150);
    private static readonly TimeSpan PrefixPadding = TimeSpan.FromMilliseconds(300);
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    private readonly string _path = Path.Combine(Path.GetTempPath(), $"fake-microphone-{Guid.NewGuid():N}.wav");
    private SpokenWav _wav = null!;

    public async Task InitializeAsync() => _wav = await SpokenWav.ThreeTurnsAsync(_path);

    public Task DisposeAsync()
    {
        File.Delete(_path);
        return Task.CompletedTask;
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Three_spoken_turns_are_detected_at_the_files_boundaries_transcribed_and_answered_aloud()
    {
        await using var chromium = await Chromium.LaunchAsync(FakeMicrophonePage.Flags(_path));
        var session = await SpeakAsync(chromium, "{}");
        await session.WaitForAsync("output_audio_buffer.stopped", 3, Limit);

        AssertTurnsAtBoundaries(await EventsAsync(session, "input_audio_buffer.speech_started"), await EventsAsync(session, "input_audio_buffer.speech_stopped"));
        var transcripts = (await EventsAsync(session, "conversation.item.input_audio_transcription.completed")).Select(e => e.GetProperty("transcript").GetString()).ToList();
        Assert.Equal(3, transcripts.Count);
        for (int i = 0; i < 3; i++) Assert.Matches($@"^Turn {i + 1} \(\d+\.\d s\)\.$", transcripts[i]);
        var answers = await EventsAsync(session, "response.done");
        Assert.Equal(3, answers.Count);
        Assert.All(answers, a => Assert.Equal("completed", a.GetProperty("response").GetProperty("status").GetString()));
        Assert.Equal(transcripts.Select(t => "You said: " + t), (await EventsAsync(session, "response.output_audio_transcript.done")).Select(e => e.GetProperty("transcript").GetString()));

        var heard = await session.Page.EvaluateAsync<JsonElement>("() => inbound()");
        output.WriteLine($"inbound audio: {heard}");
        Assert.True(heard.GetProperty("packetsReceived").GetInt64() > 3 * 50, $"too few answer packets: {heard}");
        Assert.True(heard.GetProperty("maxAudioLevel").GetDouble() > 0, $"the answers were silent: {heard}");
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task A_transcription_secret_gets_three_transcriptions_and_no_answer()
    {
        await using var chromium = await Chromium.LaunchAsync(FakeMicrophonePage.Flags(_path));
        var session = await SpeakAsync(chromium, """{"type":"transcription"}""");
        await session.WaitForAsync("conversation.item.input_audio_transcription.completed", 3, Limit);

        AssertTurnsAtBoundaries(await EventsAsync(session, "input_audio_buffer.speech_started"), await EventsAsync(session, "input_audio_buffer.speech_stopped"));
        var types = await session.Page.EvaluateAsync<string[]>("() => types()");
        Assert.DoesNotContain(types, t => t.StartsWith("response.", StringComparison.Ordinal) || t.StartsWith("output_audio_buffer.", StringComparison.Ordinal) || t.StartsWith("conversation.item.added", StringComparison.Ordinal));
        Assert.Equal(0, (await session.Page.EvaluateAsync<JsonElement>("() => inbound()")).GetProperty("packetsReceived").GetInt64());
    }

    private async Task<FakeMicrophonePage> SpeakAsync(Chromium chromium, string tokenBody)
    {
        var jwt = await DevTokens.ForAsync(host, DevTokens.NewUser());
        var page = await FakeMicrophonePage.OpenAsync(chromium, host.BaseAddress);
        var call = await page.Page.EvaluateAsync<JsonElement>("([jwt, body]) => speak(jwt, body)", new[] { jwt, tokenBody });
        Assert.Equal(201, call.GetProperty("status").GetInt32());
        Assert.Matches(@"m=audio \d+ UDP/TLS/RTP/SAVPF 111 0 8", call.GetProperty("answer").GetString());
        return page;
    }

    private void AssertTurnsAtBoundaries(List<JsonElement> started, List<JsonElement> stopped)
    {
        Assert.Equal(3, started.Count);
        Assert.Equal(3, stopped.Count);
        for (int i = 0; i < 3; i++)
        {
            var start = TimeSpan.FromMilliseconds(started[i].GetProperty("audio_start_ms").GetInt64()) + PrefixPadding;
            var end = TimeSpan.FromMilliseconds(stopped[i].GetProperty("audio_end_ms").GetInt64());
            var turn = _wav.Turns[i];
            output.WriteLine($"turn {i + 1}: heard {start.TotalMilliseconds:0}–{end.TotalMilliseconds:0} ms, file {turn.Start.TotalMilliseconds:0}–{turn.End.TotalMilliseconds:0} ms");
            Assert.InRange(start, turn.Start - Tolerance, turn.Start + Tolerance);
            Assert.InRange(end, turn.End - Tolerance, turn.End + Tolerance);
        }
    }

    private static async Task<List<JsonElement>> EventsAsync(FakeMicrophonePage page, string type) =>
        [.. (await page.Page.EvaluateAsync<JsonElement>("t => eventsOf(t)", type)).EnumerateArray()];
}
