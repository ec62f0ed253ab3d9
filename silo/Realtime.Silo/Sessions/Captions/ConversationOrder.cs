namespace Realtime.Silo.Sessions.Captions;

/// <summary>
/// Puts segments in conversation order. Segments arrive in order of first appearance, but a user turn's
/// transcription may finish after the reply to it; the turn's previous item (from input_audio_buffer.committed)
/// says where it belongs: right after that item, or first when it opens the conversation.
/// </summary>
internal static class ConversationOrder
{
    public static IReadOnlyList<Segment> Arrange(IReadOnlyList<Segment> firstAppearance)
    {
        var items = new List<(string ItemId, List<Segment> Segments)>();
        foreach (var group in firstAppearance.GroupBy(s => s.ItemId, StringComparer.Ordinal))
        {
            var previous = group.Select(s => s.PreviousItemId).FirstOrDefault(p => p is not null);
            items.Insert(PlaceAfter(items, previous), (group.Key, group.ToList()));
        }

        return items.SelectMany(i => i.Segments).ToList();
    }

    private static int PlaceAfter(List<(string ItemId, List<Segment> Segments)> items, string? previous)
    {
        if (previous is null) return items.Count;
        if (previous.Length == 0) return 0;
        var at = items.FindIndex(i => i.ItemId == previous);
        return at < 0 ? items.Count : at + 1;
    }
}
