namespace Realtime.Client.Wire;

/// <summary>
/// The hub's <c>Caption(update)</c> message: one change of one segment. <see cref="Text"/> is the segment's
/// whole text so far, so applying the latest caption of a segment is all a viewer needs to do. A diarized segment
/// names its <see cref="Speaker"/>; a user segment's <see cref="PreviousItemId"/> (empty: it opens the conversation)
/// says which item it follows, since its transcription may finish after the reply.
/// </summary>
public sealed record Caption(
    string SessionId,
    long Seq,
    string SegmentId,
    string Role,
    string Kind,
    string Text,
    long? StartMs = null,
    long? EndMs = null,
    string? ItemId = null,
    string? PreviousItemId = null,
    string? Speaker = null)
{
    /// <summary>A settled segment (final or failed): it never changes again.</summary>
    public bool IsSettled => Kind is "final" or "failed";
}
