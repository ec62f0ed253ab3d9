namespace Realtime.Shared.Captions;

/// <summary>
/// One change of one segment, the hub's <c>Caption(update)</c> message. <see cref="Text"/> is always the
/// segment's whole text so far (never a delta), so a viewer that skipped a partial loses nothing.
/// Times are milliseconds on the session's audio clock (from speech_started/stopped) when known. <see cref="ItemId"/>
/// is the conversation item; a user segment's <see cref="PreviousItemId"/> (empty: first in the conversation) tells a
/// viewer where it goes when its transcription finished after the reply; a diarized one names its <see cref="Speaker"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("Realtime.CaptionUpdate")]
public sealed record CaptionUpdate(
    [property: Id(0)] string SessionId,
    [property: Id(1)] long Seq,
    [property: Id(2)] string SegmentId,
    [property: Id(3)] string Role,
    [property: Id(4)] string Kind,
    [property: Id(5)] string Text,
    [property: Id(6)] long? StartMs,
    [property: Id(7)] long? EndMs,
    [property: Id(8)] string? ItemId = null,
    [property: Id(9)] string? PreviousItemId = null,
    [property: Id(10)] string? Speaker = null)
{
    /// <summary>Final or failed: a settled segment, never dropped by coalescing. Not part of the wire shape.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsFinal => Kind != CaptionKind.Partial;
}
