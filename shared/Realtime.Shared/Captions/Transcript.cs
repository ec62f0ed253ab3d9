namespace Realtime.Shared.Captions;

/// <summary>A session's transcript: its segments in order of first appearance, and when its first event arrived.</summary>
[GenerateSerializer, Immutable, Alias("Realtime.Transcript")]
public sealed record Transcript(
    [property: Id(0)] string SessionId,
    [property: Id(1)] DateTimeOffset? FirstEventAt,
    [property: Id(2)] IReadOnlyList<CaptionSegment> Segments);
