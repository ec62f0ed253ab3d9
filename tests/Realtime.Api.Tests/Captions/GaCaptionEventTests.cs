using System.Text.Json.Nodes;
using Realtime.Api.Tests.Infrastructure;

namespace Realtime.Api.Tests.Captions;

/// <summary>
/// GA events as OpenAI sends them, through the real hub: events without an event_id, deltas without text, the data
/// channel's largest transcript, diarized segments and previous_item_id reach viewers instead of refusing the batch.
/// </summary>
[Collection(DevCollection.Name)]
public sealed class GaCaptionEventTests(DevApiHost host)
{
    [Fact]
    public async Task A_dtmf_event_without_event_id_and_a_bare_delta_do_not_refuse_the_batch()
    {
        var (jwt, sessionId) = await SessionCalls.MintAsync(host);
        await using var speaker = await CaptionClient.ConnectAsync(host, jwt);
        var dtmf = new JsonObject { ["type"] = "input_audio_buffer.dtmf_event_received", ["event"] = "5", ["received_at"] = 1760000000 };
        var bareDelta = new JsonObject { ["type"] = "conversation.item.input_audio_transcription.delta", ["event_id"] = "evt_bare_" + sessionId, ["item_id"] = "item_1" };

        var ack = await speaker.PublishAsync(sessionId, dtmf, bareDelta, OpenAIEvents.UserCompleted("item_1", "Press five."));

        Assert.Equal(2, ack.Accepted);
        var transcript = await HttpAssert.OkAsync(await SessionCalls.GetAsync(host, jwt, $"/api/sessions/{sessionId}/transcript"));
        Assert.Equal("Press five.", transcript["segments"]![0]!["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_transcript_as_long_as_the_data_channel_allows_is_accepted_and_exported()
    {
        var (jwt, sessionId) = await SessionCalls.MintAsync(host);
        await using var speaker = await CaptionClient.ConnectAsync(host, jwt);
        var text = string.Concat(Enumerable.Repeat("Lorem ipsum dolor sit amet, consectetur. ", 7000))[..(256 * 1024)];

        await speaker.PublishAsync(sessionId, OpenAIEvents.UserCompleted("item_long", text));

        var transcript = await HttpAssert.OkAsync(await SessionCalls.GetAsync(host, jwt, $"/api/sessions/{sessionId}/transcript"));
        Assert.Equal(text, transcript["segments"]![0]!["text"]!.GetValue<string>());
        var refused = await speaker.TryPublishAsync(sessionId, OpenAIEvents.UserCompleted("item_longer", text + "!"));
        Assert.Equal("invalid_events", refused.Refusal?.Code);
    }

    [Fact]
    public async Task Diarized_segments_reach_viewers_with_their_speaker_and_place()
    {
        var (jwt, sessionId) = await SessionCalls.MintAsync(host);
        await using var speaker = await CaptionClient.ConnectAsync(host, jwt);
        await using var viewer = await CaptionClient.ConnectAsync(host, jwt);
        await viewer.WatchAsync(sessionId);

        await speaker.PublishAsync(sessionId,
            OpenAIEvents.AssistantDone("item_a1", "How can I help?"),
            OpenAIEvents.Committed("item_u1", null),
            OpenAIEvents.Diarized("item_u1", "seg_1", "Ann", "Hi.", 0.5, 1.25));
        await viewer.WaitForAsync(c => c.Any(u => u.Speaker == "Ann"));

        var caption = viewer.Captions.Single(u => u.Speaker == "Ann");
        Assert.Equal(("item_u1:0:seg_1", "user", "final", "Hi.", 500L, 1250L, "item_u1", ""),
            (caption.SegmentId, caption.Role, caption.Kind, caption.Text, caption.StartMs, caption.EndMs, caption.ItemId, caption.PreviousItemId));
        var transcript = await HttpAssert.OkAsync(await SessionCalls.GetAsync(host, jwt, $"/api/sessions/{sessionId}/transcript"));
        Assert.Equal(["item_u1:0:seg_1", "item_a1:0"], transcript["segments"]!.AsArray().Select(s => s!["segment_id"]!.GetValue<string>()));
        Assert.Equal("Ann", transcript["segments"]![0]!["speaker"]!.GetValue<string>());
    }
}
