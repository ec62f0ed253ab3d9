using System.Text.Json.Nodes;
using Realtime.Emulator.Calls;

namespace Realtime.Emulator.Audio;

/// <summary>
/// The events of a commit in OpenAI's order: <c>input_audio_buffer.committed</c>, the user item's
/// <c>conversation.item.added</c> and <c>.done</c>, then, when the session transcribes, the transcript in word
/// deltas (one delta for whisper-1, which sends at most one) and <c>…transcription.completed</c> with usage.
/// A transcription session has no conversation to show, so it sends no item events.
/// </summary>
internal sealed class UserTurnEvents(ServerEventWriter writer)
{
    public List<JsonObject> Committed(UserTurn turn, TranscriptionSettings? transcription, bool addsItem)
    {
        var previous = writer.Append(turn.ItemId);
        var events = new List<JsonObject>
        {
            writer.Event("input_audio_buffer.committed", new() { ["previous_item_id"] = previous, ["item_id"] = turn.ItemId }),
        };
        if (addsItem)
        {
            events.Add(writer.Event("conversation.item.added", new() { ["previous_item_id"] = previous, ["item"] = Item(turn.ItemId) }));
            events.Add(writer.Event("conversation.item.done", new() { ["previous_item_id"] = previous, ["item"] = Item(turn.ItemId) }));
        }
        if (transcription is not null)
        {
            events.AddRange(Transcription(turn, transcription));
        }
        return events;
    }

    private IEnumerable<JsonObject> Transcription(UserTurn turn, TranscriptionSettings settings)
    {
        var deltas = settings.BillsByDuration ? [turn.Transcript] : DeterministicReply.Chunks(turn.Transcript);
        foreach (var delta in deltas)
        {
            yield return writer.Event("conversation.item.input_audio_transcription.delta",
                new() { ["item_id"] = turn.ItemId, ["content_index"] = 0, ["delta"] = delta });
        }
        yield return writer.Event("conversation.item.input_audio_transcription.completed", new()
        {
            ["item_id"] = turn.ItemId,
            ["content_index"] = 0,
            ["transcript"] = turn.Transcript,
            ["usage"] = UsageShapes.Transcription(settings, turn.AudioLength, turn.Transcript),
        });
    }

    private static JsonObject Item(string id) => new()
    {
        ["id"] = id,
        ["object"] = "realtime.item",
        ["type"] = "message",
        ["status"] = "completed",
        ["role"] = "user",
        ["content"] = new JsonArray(new JsonObject { ["type"] = "input_audio", ["transcript"] = null }),
    };
}
