namespace Realtime.Shared.Captions;

/// <summary>
/// One change of one segment, the hub's <c>Caption(update)</c> message. <see cref="Text"/> is always the
/// segment's whole text so far (never a delta), so a viewer that skipped a partial loses nothing.
/// Times are milliseconds on the session's audio clock (from speech_started/stopped) when known.
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
    [property: Id(7)] long? EndMs)
{
    /// <summary>Final or failed: a settled segment, never dropped by coalescing. Not part of the wire shape.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsFinal => Kind != CaptionKind.Partial;
}
