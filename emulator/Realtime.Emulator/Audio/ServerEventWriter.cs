using System.Globalization;
using System.Text.Json.Nodes;

namespace Realtime.Emulator.Audio;

/// <summary>
/// Shapes server events (<c>event_id</c> and <c>type</c> first) and hands out ids. Ids are counters by default, so
/// runs are reproducible; a call passes its own id source so audio and data-channel events share one sequence.
/// It also remembers the conversation's last item, which every new item names as <c>previous_item_id</c>.
/// </summary>
internal sealed class ServerEventWriter(Func<string, string>? nextId = null)
{
    private int _counter;

    public string? LastItemId { get; set; }

    public string NextId(string prefix) => nextId?.Invoke(prefix)
        ?? string.Create(CultureInfo.InvariantCulture, $"{prefix}_{++_counter:D6}");

    public JsonObject Event(string type, JsonObject fields)
    {
        var result = new JsonObject { ["event_id"] = NextId("event"), ["type"] = type };
        foreach (var (name, value) in fields.ToList())
        {
            fields.Remove(name);
            result[name] = value;
        }
        return result;
    }

    /// <summary>Adds an item to the conversation and returns the item it follows.</summary>
    public string? Append(string itemId)
    {
        var previous = LastItemId;
        LastItemId = itemId;
        return previous;
    }
}
