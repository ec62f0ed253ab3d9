using Realtime.Shared.Captions;

namespace Realtime.Silo.Sessions.Captions;

/// <summary>
/// One segment as the aggregator holds it (one item's content index, or one diarized piece of it): small and
/// mutable, turned into a <see cref="CaptionUpdate"/> or <see cref="CaptionSegment"/> only when one is asked for.
/// </summary>
internal sealed class Segment(string id, string itemId, string role, DateTimeOffset firstSeenAt)
{
    /// <summary>"{item_id}:{content_index}", or "{item_id}:{content_index}:{segment id}" for a diarized segment.</summary>
    public string Id { get; } = id;

    public string ItemId { get; } = itemId;

    public string Role { get; } = role;

    public string Kind { get; set; } = CaptionKind.Partial;

    /// <summary>The whole text so far: the deltas appended, or the final text.</summary>
    public string Text { get; set; } = "";

    public long? StartMs { get; set; }

    public long? EndMs { get; set; }

    /// <summary>The diarized speaker label; null for a segment that is not diarized.</summary>
    public string? Speaker { get; set; }

    /// <summary>The item before this user segment's item (from input_audio_buffer.committed); empty when it opens the conversation.</summary>
    public string? PreviousItemId { get; set; }

    public DateTimeOffset FirstSeenAt { get; } = firstSeenAt;

    public DateTimeOffset UpdatedAt { get; set; } = firstSeenAt;

    /// <summary>The seq of its last change.</summary>
    public long Seq { get; set; }

    /// <summary>Final or failed: deltas no longer change it, and it is persisted.</summary>
    public bool IsSettled => Kind != CaptionKind.Partial;

    /// <summary>A diarized segment carries its own times, so the item's speech timings leave it alone.</summary>
    public bool IsDiarized => Speaker is not null;

    public static string IdOf(string itemId, int contentIndex) => $"{itemId}:{contentIndex}";

    public static string IdOf(string itemId, int contentIndex, string partId) => $"{itemId}:{contentIndex}:{partId}";

    public CaptionUpdate ToUpdate(string sessionId) =>
        new(sessionId, Seq, Id, Role, Kind, Text, StartMs, EndMs, ItemId, PreviousItemId, Speaker);

    public CaptionSegment ToSegment() =>
        new(Id, Role, Kind, Text, StartMs, EndMs, FirstSeenAt, UpdatedAt, Seq, Speaker, ItemId, PreviousItemId);

    // Segments persisted before item ids were stored are "{item_id}:{content_index}".
    public static Segment From(CaptionSegment s) => new(s.SegmentId, s.ItemId ?? s.SegmentId[..Math.Max(0, s.SegmentId.LastIndexOf(':'))], s.Role, s.FirstSeenAt)
    {
        Kind = s.Kind, Text = s.Text, StartMs = s.StartMs, EndMs = s.EndMs, UpdatedAt = s.UpdatedAt, Seq = s.Seq,
        Speaker = s.Speaker, PreviousItemId = s.PreviousItemId,
    };
}
