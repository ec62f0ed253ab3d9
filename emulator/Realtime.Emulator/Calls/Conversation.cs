using System.Text.Json.Nodes;

namespace Realtime.Emulator.Calls;

/// <summary>The items of one emulated conversation, in order, found by id (what retrieve, truncate and delete act on).</summary>
internal sealed class Conversation
{
    private readonly List<JsonObject> _items = [];

    public IReadOnlyList<JsonObject> Items => _items;

    /// <summary>The id of the last item: the <c>previous_item_id</c> of the next one.</summary>
    public string? LastId => _items.Count > 0 ? (string?)_items[^1]["id"] : null;

    public void Add(JsonObject item) => _items.Add(item);

    /// <summary>Adds the item, or replaces the one with its id (an item's <c>added</c> then <c>done</c> form).</summary>
    public void Upsert(JsonObject item)
    {
        var index = _items.FindIndex(i => (string?)i["id"] == (string?)item["id"]);
        if (index < 0)
        {
            _items.Add(item);
        }
        else
        {
            _items[index] = item;
        }
    }

    public JsonObject? Find(string itemId) => _items.FirstOrDefault(i => (string?)i["id"] == itemId);

    public void Remove(string itemId) => _items.RemoveAll(i => (string?)i["id"] == itemId);
}
