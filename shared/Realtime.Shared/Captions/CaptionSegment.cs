namespace Realtime.Shared.Captions;

/// <summary>
/// A segment of the transcript as the export needs it: its latest text and kind, speech timings on the
/// session's audio clock when known, and when it was first and last changed (arrival times). A diarized segment
/// has its <see cref="Speaker"/>; a user segment may know the item before its item (<see cref="PreviousItemId"/>,
/// empty when it opens the conversation), which places it in the conversation.
/// </summary>
[GenerateSerializer, Immutable, Alias("Realtime.CaptionSegment")]
public sealed record CaptionSegment(
    [property: Id(0)] string SegmentId,
    [property: Id(1)] string Role,
    [property: Id(2)] string Kind,
    [property: Id(3)] string Text,
    [property: Id(4)] long? StartMs,
    [property: Id(5)] long? EndMs,
    [property: Id(6)] DateTimeOffset FirstSeenAt,
    [property: Id(7)] DateTimeOffset UpdatedAt,
    [property: Id(8)] long Seq,
    [property: Id(9)] string? Speaker = null,
    [property: Id(10)] string? ItemId = null,
    [property: Id(11)] string? PreviousItemId = null);
