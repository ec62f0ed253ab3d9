using System.Text.Json.Nodes;
using Realtime.WebRtc.DataChannels;

namespace Realtime.Emulator.Tests.Calls;

/// <summary>Every server event a call's channel delivered, kept in order, with bounded waits for a count of one type.</summary>
internal sealed class EventLog
{
    private readonly List<JsonObject> _events = [];
    private readonly Lock _gate = new();

    public EventLog(DataChannel channel)
    {
        Channel = channel;
        channel.OnMessage += m =>
        {
            lock (_gate) _events.Add(JsonNode.Parse(m.Text)!.AsObject());
        };
    }

    /// <summary>The channel, for client events (their answers are acknowledgements).</summary>
    public DataChannel Channel { get; }

    public List<JsonObject> All
    {
        get
        {
            lock (_gate) return [.. _events];
        }
    }

    public List<JsonObject> OfType(string type) => All.Where(e => (string?)e["type"] == type).ToList();

    public IEnumerable<string> Types => All.Select(e => (string)e["type"]!);

    /// <summary>Waits until at least <paramref name="count"/> events of <paramref name="type"/> arrived; fails with what did.</summary>
    public Task WaitForAsync(string type, int count, TimeSpan limit) => Eventually.TrueAsync(
        () => OfType(type).Count >= count,
        () => $"{count} × {type}; the call received {string.Join(", ", Types)}",
        limit);
}
