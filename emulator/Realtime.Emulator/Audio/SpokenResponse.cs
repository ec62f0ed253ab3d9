using System.Text.Json.Nodes;
using Realtime.WebRtc.Audio;

namespace Realtime.Emulator.Audio;

/// <summary>
/// One spoken answer, generated as it plays: its audio is released one 20 ms frame per 20 ms of the clock passed
/// in, each transcript delta when its word starts, and the response completes when the audio ends. Because the
/// response is still in progress while it plays, speech from the user can cancel it (barge-in) and the item is
/// truncated to what was actually heard.
/// </summary>
internal sealed class SpokenResponse
{
    private readonly ServerEventWriter _writer;
    private readonly AnswerVoice _voice;
    private readonly UserTurn _turn;
    private readonly string? _conversationId;
    private TimeSpan? _startedAt;
    private int _framesPlayed;
    private int _wordsSent;
    private string? _previousItemId;

    public SpokenResponse(ServerEventWriter writer, UserTurn turn, string answer, string? conversationId)
    {
        _writer = writer;
        _turn = turn;
        _voice = new AnswerVoice(answer);
        _conversationId = conversationId;
        Id = writer.NextId("resp");
        ItemId = writer.NextId("item");
    }

    public string Id { get; }

    public string ItemId { get; }

    public bool Finished { get; private set; }

    /// <summary><c>response.created</c> up to the empty audio part, sent as soon as the turn is committed.</summary>
    public List<JsonObject> Begin()
    {
        _previousItemId = _writer.Append(ItemId);
        var previous = _previousItemId;
        return
        [
            _writer.Event("response.created", new() { ["response"] = Response("in_progress", null, new JsonArray()) }),
            _writer.Event("response.output_item.added", new() { ["response_id"] = Id, ["output_index"] = 0, ["item"] = Item("in_progress", null) }),
            _writer.Event("conversation.item.added", new() { ["previous_item_id"] = previous, ["item"] = Item("in_progress", null) }),
            _writer.Event("response.content_part.added", Ids("part", Part(""))),
        ];
    }

    /// <summary>The frames due by <paramref name="now"/> (the first call starts playback) and the events they bring.</summary>
    public TurnOutput Advance(TimeSpan now)
    {
        var events = new List<JsonObject>();
        if (_startedAt is null)
        {
            _startedAt = now;
            events.Add(_writer.Event("output_audio_buffer.started", new() { ["response_id"] = Id }));
        }
        var due = Math.Min(_voice.FrameCount, (int)((now - _startedAt.Value).Ticks / PcmFrame.Duration.Ticks) + 1);
        var frames = new List<PcmFrame>();
        for (; _framesPlayed < due; _framesPlayed++)
        {
            events.AddRange(WordsStartingBy(PcmFrame.Duration * (_framesPlayed + 1)));
            frames.Add(_voice.Frame(_framesPlayed));
        }
        if (now - _startedAt.Value >= _voice.Duration)
        {
            events.AddRange(End("completed", null));
            events.Add(_writer.Event("output_audio_buffer.stopped", new() { ["response_id"] = Id }));
        }
        return new TurnOutput(events, frames);
    }

    /// <summary>
    /// Barge-in (<c>turn_detected</c>) or <c>response.cancel</c> (<c>client_cancelled</c>): the response ends cancelled,
    /// the unplayed audio is dropped and the item cut where playback stopped.
    /// </summary>
    public List<JsonObject> Cancel(string reason)
    {
        var events = End("cancelled", new JsonObject { ["type"] = "cancelled", ["reason"] = reason });
        if (_startedAt is not null)
        {
            events.Add(_writer.Event("output_audio_buffer.cleared", new() { ["response_id"] = Id }));
        }
        events.Add(_writer.Event("conversation.item.truncated", new()
        {
            ["item_id"] = ItemId,
            ["content_index"] = 0,
            ["audio_end_ms"] = (long)(PcmFrame.Duration * _framesPlayed).TotalMilliseconds,
        }));
        return events;
    }

    private IEnumerable<JsonObject> WordsStartingBy(TimeSpan playedUntil)
    {
        for (; _wordsSent < _voice.Words.Count && _voice.Words[_wordsSent].Start < playedUntil; _wordsSent++)
        {
            yield return _writer.Event("response.output_audio_transcript.delta", Ids("delta", _voice.Words[_wordsSent].Delta));
        }
    }

    private List<JsonObject> End(string status, JsonObject? details)
    {
        Finished = true;
        var transcript = string.Concat(_voice.Words.Take(_wordsSent).Select(w => w.Delta));
        var itemStatus = status == "completed" ? "completed" : "incomplete";
        var usage = UsageShapes.Response(_turn.AudioLength, _turn.Transcript, transcript, PcmFrame.Duration * _framesPlayed);
        return
        [
            _writer.Event("response.output_audio_transcript.done", Ids("transcript", transcript)),
            _writer.Event("response.output_audio.done", Ids()),
            _writer.Event("response.content_part.done", Ids("part", Part(transcript))),
            _writer.Event("response.output_item.done", new() { ["response_id"] = Id, ["output_index"] = 0, ["item"] = Item(itemStatus, transcript) }),
            _writer.Event("conversation.item.done", new() { ["previous_item_id"] = _previousItemId, ["item"] = Item(itemStatus, transcript) }),
            _writer.Event("response.done", new() { ["response"] = Response(status, details, new JsonArray(Item(itemStatus, transcript)), usage) }),
        ];
    }

    private JsonObject Ids(string? name = null, JsonNode? value = null)
    {
        var ids = new JsonObject { ["response_id"] = Id, ["item_id"] = ItemId, ["output_index"] = 0, ["content_index"] = 0 };
        if (name is not null)
        {
            ids[name] = value;
        }
        return ids;
    }

    private static JsonObject Part(string transcript) => new() { ["type"] = "audio", ["transcript"] = transcript };

    private JsonObject Item(string status, string? transcript) => new()
    {
        ["id"] = ItemId,
        ["object"] = "realtime.item",
        ["type"] = "message",
        ["status"] = status,
        ["role"] = "assistant",
        ["content"] = transcript is null
            ? new JsonArray()
            : new JsonArray(new JsonObject { ["type"] = "output_audio", ["transcript"] = transcript }),
    };

    private JsonObject Response(string status, JsonObject? details, JsonArray output, JsonObject? usage = null) => new()
    {
        ["id"] = Id,
        ["object"] = "realtime.response",
        ["status"] = status,
        ["status_details"] = details,
        ["output"] = output,
        ["conversation_id"] = _conversationId,
        ["output_modalities"] = new JsonArray("audio"),
        ["usage"] = usage,
    };
}
