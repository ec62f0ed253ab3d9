using Realtime.Shared.Captions;

namespace Realtime.Api.Transcripts;

/// <summary>A segment in the JSON transcript (snake_case); <c>speaker</c> only for diarized segments.</summary>
public sealed record TranscriptSegmentView(string SegmentId, string Role, string Kind, string Text, long? StartMs, long? EndMs,
    DateTimeOffset FirstSeenAt, DateTimeOffset UpdatedAt, long Seq, string? Speaker, string? ItemId, string? PreviousItemId)
{
    public static TranscriptSegmentView From(CaptionSegment s) =>
        new(s.SegmentId, s.Role, s.Kind, s.Text, s.StartMs, s.EndMs, s.FirstSeenAt, s.UpdatedAt, s.Seq, s.Speaker, s.ItemId, s.PreviousItemId);
}
