namespace Realtime.Shared.Captions;

using Realtime.Shared.Sessions;

/// <summary>
/// The answer to Watch: the session's state, its last seq, and the latest update of every segment that
/// changed after the viewer's afterSeq, in seq order (partials of one segment coalesced into the newest).
/// </summary>
[GenerateSerializer, Immutable, Alias("Realtime.CatchUp")]
public sealed record CatchUp(
    [property: Id(0)] SessionState State,
    [property: Id(1)] long LastSeq,
    [property: Id(2)] IReadOnlyList<CaptionUpdate> Updates);
