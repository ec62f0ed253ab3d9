using Realtime.Shared.Captions;

namespace Realtime.Silo.Sessions.Captions;

/// <summary>
/// One segment as the aggregator holds it (one item's content index): small and mutable, turned into a
/// <see cref="CaptionUpdate"/> or <see cref="CaptionSegment"/> only when one is asked for.
/// </summary>
internal sealed class Segment(string id, string role, DateTimeOffset firstSeenAt)
{
    /// <summary>"{item_id}:{content_index}".</summary>
    public string Id { get; } = id;

    public string Role { get; } = role;

    public string Kind { get; set; } = CaptionKind.Partial;

    /// <summary>The whole text so far: the deltas appended, or the final text.</summary>
    public string Text { get; set; } = "";

    public long? StartMs { get; set; }

    public long? EndMs { get; set; }

    public DateTimeOffset FirstSeenAt { get; } = firstSeenAt;

    public DateTimeOffset UpdatedAt { get; set; } = firstSeenAt;

    /// <summary>The seq of its last change.</summary>
    public long Seq { get; set; }

    /// <summary>Final or failed: deltas no longer change it, and it is persisted.</summary>
    public bool IsSettled => Kind != CaptionKind.Partial;

    public static string IdOf(string itemId, int contentIndex) => $"{itemId}:{contentIndex}";

    /// <summary>Whether this segment is one of <paramref name="itemId"/>'s content parts (no item id is kept apart from <see cref="Id"/>).</summary>
    public bool BelongsTo(string itemId) =>
        Id.Length > itemId.Length && Id.LastIndexOf(':') == itemId.Length && Id.StartsWith(itemId, StringComparison.Ordinal);

    public CaptionUpdate ToUpdate(string sessionId) => new(sessionId, Seq, Id, Role, Kind, Text, StartMs, EndMs);

    public CaptionSegment ToSegment() => new(Id, Role, Kind, Text, StartMs, EndMs, FirstSeenAt, UpdatedAt, Seq);

    public static Segment From(CaptionSegment s) => new(s.SegmentId, s.Role, s.FirstSeenAt)
    {
        Kind = s.Kind, Text = s.Text, StartMs = s.StartMs, EndMs = s.EndMs, UpdatedAt = s.UpdatedAt, Seq = s.Seq,
    };
}
