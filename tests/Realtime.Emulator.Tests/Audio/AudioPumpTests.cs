using System.Text.Json.Nodes;

namespace Realtime.Emulator.Tests.Audio;

/// <summary>
/// A call's audio as the pump drives it: caller frames on their own timeline, the answer on a 20 ms clock into the
/// audio sink, and the data channel's client events acting on the same engine, conversation and id sequence.
/// </summary>
public sealed class AudioPumpTests
{
    private static readonly SpeechLayout OneTurn = new SpeechLayout().Silence(1000).Tone(1400).Silence(4000);

    [Fact]
    public void A_spoken_turn_is_transcribed_and_answered_with_audible_frames_on_the_clock()
    {
        using var run = new PumpRun(Sessions.Realtime()).Feed(OneTurn);

        Assert.Equal(1000 - 300, (long)Assert.Single(run.OfType("input_audio_buffer.speech_started"))["audio_start_ms"]!);
        Assert.Equal("Turn 1 (1.4 s).", (string?)Assert.Single(run.OfType("conversation.item.input_audio_transcription.completed"))["transcript"]);
        Assert.Equal("completed", (string?)Assert.Single(run.OfType("response.done"))["response"]!["status"]);
        Assert.Single(run.OfType("output_audio_buffer.stopped"));
        Assert.True(run.Played.Count > 50, $"only {run.Played.Count} answer frames");
        Assert.Contains(run.Played, f => f.Level > 0.2);
        Assert.Equal(run.Played.Count, run.Pump.FramesPlayed);
        Assert.Equal(0, run.Pump.LateFrames);
        Assert.Equal(run.Events.Count, run.Events.Select(e => (string?)e["event_id"]).Distinct().Count());
    }

    [Fact]
    public void Typed_and_spoken_turns_share_one_conversation_and_id_sequence()
    {
        using var run = new PumpRun(Sessions.Realtime()).Feed(OneTurn);
        run.Send("""{"type":"conversation.item.create","item":{"type":"message","role":"user","content":[{"type":"input_text","text":"Typed"}]}}""");
        var answer = (string)run.OfType("response.done").Single()["response"]!["output"]![0]!["id"]!;

        Assert.Equal(answer, (string?)run.OfType("conversation.item.added").Last()["previous_item_id"]);
        var userTurn = (string)run.OfType("input_audio_buffer.committed").Single()["item_id"]!;
        run.Send($$"""{"type":"conversation.item.retrieve","item_id":"{{userTurn}}"}""");
        var heard = run.OfType("conversation.item.retrieved").Single()["item"]!;
        Assert.Equal("Turn 1 (1.4 s).", (string?)heard["content"]![0]!["transcript"]);
        Assert.Equal(run.Events.Count, run.Events.Select(e => (string?)e["event_id"]).Distinct().Count());
    }

    [Fact]
    public void Response_create_after_a_typed_item_speaks_the_answer()
    {
        using var run = new PumpRun(Sessions.Realtime());
        run.Send("""{"type":"conversation.item.create","item":{"type":"message","role":"user","content":[{"type":"input_text","text":"Hi"}]}}""");
        run.Send("""{"type":"response.create"}""").Wait(3000);

        Assert.Equal("You said: Hi", (string?)run.OfType("response.output_audio_transcript.done").Single()["transcript"]);
        Assert.Contains(run.Played, f => f.Level > 0.2);
        Assert.Single(run.OfType("output_audio_buffer.stopped"));
    }

    [Fact]
    public void A_second_response_create_while_answering_is_refused()
    {
        using var run = new PumpRun(Sessions.Realtime());
        run.Send("""{"type":"response.create"}""").Send("""{"type":"response.create","event_id":"evt_2"}""");

        var error = run.OfType("error").Single()["error"]!;
        Assert.Equal("conversation_already_has_active_response", (string?)error["code"]);
        Assert.Equal("evt_2", (string?)error["event_id"]);
        Assert.Single(run.OfType("response.created"));
    }

    [Fact]
    public void Response_cancel_ends_the_spoken_answer_cancelled_and_stops_its_audio()
    {
        using var run = new PumpRun(Sessions.Realtime());
        run.Send("""{"type":"response.create"}""").Wait(400);
        var playedBeforeCancel = run.Played.Count;
        run.Send("""{"type":"response.cancel"}""").Wait(2000);

        var done = run.OfType("response.done").Single()["response"]!;
        Assert.Equal("cancelled", (string?)done["status"]);
        Assert.Equal("client_cancelled", (string?)done["status_details"]!["reason"]);
        Assert.Single(run.OfType("output_audio_buffer.cleared"));
        Assert.Equal(playedBeforeCancel, run.Played.Count);
        run.Send("""{"type":"response.cancel"}""");
        Assert.Equal("response_cancel_not_active", (string?)run.OfType("error").Single()["error"]!["code"]);
    }

    [Fact]
    public void Session_update_turns_detection_off_and_the_client_commits()
    {
        using var run = new PumpRun(Sessions.Realtime());
        run.Send("""{"type":"session.update","session":{"type":"realtime","audio":{"input":{"turn_detection":null}}}}""").Feed(OneTurn);
        Assert.DoesNotContain("input_audio_buffer.speech_started", run.Types);

        run.Send("""{"type":"input_audio_buffer.commit"}""").Send("""{"type":"response.create"}""").Wait(4000);

        Assert.Single(run.OfType("input_audio_buffer.committed"));
        Assert.Single(run.OfType("conversation.item.input_audio_transcription.completed"));
        Assert.StartsWith("You said: Turn 1", (string?)run.OfType("response.done").Single()["response"]!["output"]![0]!["content"]![0]!["transcript"], StringComparison.Ordinal);
    }

    [Fact]
    public void Session_update_without_create_response_transcribes_without_answering()
    {
        using var run = new PumpRun(Sessions.Realtime());
        run.Send("""{"type":"session.update","session":{"type":"realtime","audio":{"input":{"turn_detection":{"type":"server_vad","create_response":false}}}}}""")
            .Feed(OneTurn);

        Assert.Single(run.OfType("conversation.item.input_audio_transcription.completed"));
        Assert.DoesNotContain(run.Types, t => t.StartsWith("response.", StringComparison.Ordinal));
        Assert.Empty(run.Played);
    }

    [Fact]
    public void Clear_drops_the_heard_audio()
    {
        using var run = new PumpRun(Sessions.Manual()).Feed(new SpeechLayout().Tone(1000));
        run.Send("""{"type":"input_audio_buffer.clear"}""").Send("""{"type":"input_audio_buffer.commit"}""");

        Assert.Single(run.OfType("input_audio_buffer.cleared"));
        Assert.Equal("input_audio_buffer_commit_empty", (string?)run.OfType("error").Single()["error"]!["code"]);
    }

    [Fact]
    public void A_transcription_session_sends_only_input_and_transcription_events()
    {
        using var run = new PumpRun(Sessions.Transcription()).Feed(OneTurn);

        Assert.Equal(
            ["input_audio_buffer.speech_started", "input_audio_buffer.speech_stopped", "input_audio_buffer.committed",
             "conversation.item.input_audio_transcription.delta", "conversation.item.input_audio_transcription.completed"],
            run.Types.CollapseRuns());
        Assert.Empty(run.Played);
    }
}
