using System.Net;
using System.Text.Json.Nodes;
using Realtime.Testing.Audio;
using Realtime.WebRtc.Audio;
using Realtime.WebRtc.Codecs;
using Realtime.WebRtc.Jitter;
using Realtime.WebRtc.Media;
using Realtime.WebRtc.PeerConnection;
using Xunit.Abstractions;

namespace Realtime.Emulator.Tests.Calls;

/// <summary>
/// The managed client speaks a generated WAV into a real emulated call over RTP: the emulator finds each turn where
/// the file's energy puts it, transcribes it once and answers aloud; a transcription secret is only transcribed;
/// and speech over an answer cancels it as OpenAI does.
/// </summary>
public sealed class AudioCallTests(CallsHost host, ITestOutputHelper output) : IClassFixture<CallsHost>, IAsyncLifetime
{
    private const string RealtimeSession = """{"session":{"type":"realtime","audio":{"input":{"transcription":{"model":"gpt-4o-transcribe"}}}}}""";
    private static readonly TimeSpan Tolerance = TimeSpan.FromMilliseconds(150);
    private static readonly TimeSpan PrefixPadding = TimeSpan.FromMilliseconds(300);
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    private readonly string _path = Path.Combine(Path.GetTempPath(), $"audio-call-{Guid.NewGuid():N}.wav");
    private readonly List<RtcAudioFrame> _heard = [];
    private SpokenWav _wav = null!;

    public async Task InitializeAsync()
    {
        _wav = await SpokenWav.ThreeTurnsAsync(_path);
        WarmUpOpus();
    }

    public Task DisposeAsync()
    {
        File.Delete(_path);
        return Task.CompletedTask;
    }

    [Fact(Timeout = 120_000)]
    public async Task Three_spoken_turns_are_detected_at_the_files_boundaries_transcribed_and_answered_aloud()
    {
        await using var peer = new RtcPeerConnection();
        var events = await CallAsync(peer, await host.MintSecretAsync(RealtimeSession));

        await peer.AudioTransceiver!.Sender.PlayAsync(new WavFileSource(_wav.Samples));
        await events.WaitForAsync("output_audio_buffer.stopped", 3, Limit);

        AssertTurnsAt(_wav.Turns, events);
        var transcripts = events.OfType("conversation.item.input_audio_transcription.completed").Select(e => (string?)e["transcript"]).ToList();
        Assert.Equal(3, transcripts.Count);
        Assert.All(transcripts, (t, i) => Assert.Matches($@"^Turn {i + 1} \(\d+\.\d s\)\.$", t));
        Assert.All(events.OfType("response.done"), d => Assert.Equal("completed", (string?)d["response"]!["status"]));
        Assert.Equal(transcripts.Select(t => "You said: " + t), events.OfType("response.output_audio_transcript.done").Select(e => (string?)e["transcript"]));
        var loud = Heard().Count(f => f.Kind == PlayoutKind.Decoded && f.Frame.Level > 0.1);
        output.WriteLine($"answer frames heard: {Heard().Count} ({loud} loud); stats {peer.GetStats()}");
        Assert.True(loud > 3 * 25, $"only {loud} loud answer frames arrived");
    }

    [Fact(Timeout = 120_000)]
    public async Task A_transcription_secret_gets_the_transcriptions_and_no_answer()
    {
        await using var peer = new RtcPeerConnection();
        var events = await CallAsync(peer, await host.MintSecretAsync("""{"session":{"type":"transcription","audio":{"input":{"transcription":{"model":"gpt-4o-transcribe"}}}}}"""));

        await peer.AudioTransceiver!.Sender.PlayAsync(new WavFileSource(_wav.Samples));
        await events.WaitForAsync("conversation.item.input_audio_transcription.completed", 3, Limit);
        // An acknowledged client event: whatever the turns produced has arrived before its answer.
        events.Channel.Send("""{"type":"input_audio_buffer.clear"}""");
        await events.WaitForAsync("input_audio_buffer.cleared", 1, Limit);

        output.WriteLine($"stats {peer.GetStats()}");
        AssertTurnsAt(_wav.Turns, events);
        Assert.DoesNotContain(events.Types, t => t.StartsWith("response.", StringComparison.Ordinal)
            || t.StartsWith("output_audio_buffer.", StringComparison.Ordinal) || t.StartsWith("conversation.item.added", StringComparison.Ordinal));
        Assert.Empty(Heard());
    }

    [Fact(Timeout = 120_000)]
    public async Task Speaking_over_the_answer_cancels_it_clears_its_audio_and_truncates_its_item()
    {
        var bargeIn = Path.Combine(Path.GetTempPath(), $"barge-in-{Guid.NewGuid():N}.wav");
        try
        {
            // The answer to turn 1 starts about 0.5 s after it; turn 2 starts 1 s after it, mid-answer.
            var wav = await SpokenWav.CreateAsync(bargeIn, ["Hello there emulator", "Wait a moment please"], TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1));
            await using var peer = new RtcPeerConnection();
            var events = await CallAsync(peer, await host.MintSecretAsync(RealtimeSession));

            await peer.AudioTransceiver!.Sender.PlayAsync(new WavFileSource(wav.Samples));
            await events.WaitForAsync("response.done", 2, Limit);

            var done = events.OfType("response.done").Select(d => d["response"]!).ToList();
            Assert.Equal(["cancelled", "completed"], done.Select(d => (string?)d["status"]));
            Assert.Equal("turn_detected", (string?)done[0]["status_details"]!["reason"]);
            var cleared = Assert.Single(events.OfType("output_audio_buffer.cleared"));
            Assert.Equal((string?)done[0]["id"], (string?)cleared["response_id"]);
            var truncated = Assert.Single(events.OfType("conversation.item.truncated"));
            Assert.Equal((string?)done[0]["output"]![0]!["id"], (string?)truncated["item_id"]);
            output.WriteLine($"answer 1 cut at {truncated["audio_end_ms"]} ms");
            Assert.InRange((long)truncated["audio_end_ms"]!, 1, 1500);
            var types = events.Types.ToList();
            Assert.True(types.IndexOf("input_audio_buffer.speech_started", types.IndexOf("output_audio_buffer.started")) < types.IndexOf("output_audio_buffer.cleared"));
        }
        finally
        {
            File.Delete(bargeIn);
        }
    }

    /// <summary>
    /// Both ends' Opus code compiled before the call: a first encode or decode stalling a busy machine for hundreds of
    /// milliseconds would reach the emulator as concealed audio, a silence the speech never had.
    /// </summary>
    private void WarmUpOpus()
    {
        using var codec = new OpusCodec(111);
        var source = new WavFileSource(_wav.Samples);
        for (int i = 0; i < 100 && source.TryReadFrame(out var frame); i++) codec.Decode(codec.Encode(frame));
    }

    private List<RtcAudioFrame> Heard()
    {
        lock (_heard) return [.. _heard];
    }

    /// <summary>Offers audio and <c>oai-events</c>, and returns once the session is created (events flow from then on).</summary>
    private async Task<EventLog> CallAsync(RtcPeerConnection peer, string secret)
    {
        var audio = peer.AddTransceiver();
        audio.Receiver.FrameReceived += f =>
        {
            lock (_heard) _heard.Add(f);
        };
        var offer = peer.CreateOffer();
        peer.SetLocalDescription(offer);
        using var response = await host.PostOfferAsync(secret, offer.Sdp);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var answer = await response.Content.ReadAsStringAsync();
        Assert.Matches(@"m=audio \d+ UDP/TLS/RTP/SAVPF 111 0 8", answer);
        peer.SetRemoteDescription(new RtcSessionDescription(RtcSdpType.Answer, answer));
        var events = new EventLog(peer.CreateDataChannel(Realtime.Emulator.Calls.RealtimeCall.EventsChannelLabel));
        await events.WaitForAsync("session.created", 1, Limit);
        return events;
    }

    private void AssertTurnsAt(IReadOnlyList<SpokenTurn> turns, EventLog events)
    {
        var started = events.OfType("input_audio_buffer.speech_started");
        var stopped = events.OfType("input_audio_buffer.speech_stopped");
        output.WriteLine($"speech_started at {string.Join(", ", started.Select(e => e["audio_start_ms"]))} ms, speech_stopped at {string.Join(", ", stopped.Select(e => e["audio_end_ms"]))} ms");
        Assert.Equal(turns.Count, started.Count);
        Assert.Equal(turns.Count, stopped.Count);
        for (int i = 0; i < turns.Count; i++)
        {
            var start = TimeSpan.FromMilliseconds((long)started[i]["audio_start_ms"]!) + PrefixPadding;
            var end = TimeSpan.FromMilliseconds((long)stopped[i]["audio_end_ms"]!);
            output.WriteLine($"turn {i + 1}: heard {start.TotalMilliseconds:0}–{end.TotalMilliseconds:0} ms, file {turns[i].Start.TotalMilliseconds:0}–{turns[i].End.TotalMilliseconds:0} ms");
            Assert.InRange(start, turns[i].Start - Tolerance, turns[i].Start + Tolerance);
            Assert.InRange(end, turns[i].End - Tolerance, turns[i].End + Tolerance);
        }
    }
}
