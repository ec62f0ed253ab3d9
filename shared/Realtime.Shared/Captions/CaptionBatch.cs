namespace Realtime.Shared.Captions;

using Realtime.Shared.Sessions;

/// <summary>What a session grain sends once per subscribed api node after a change: the updates in seq order and the session state.</summary>
[GenerateSerializer, Immutable, Alias("Realtime.CaptionBatch")]
public sealed record CaptionBatch(
    [property: Id(0)] string SessionId,
    [property: Id(1)] IReadOnlyList<CaptionUpdate> Updates,
    [property: Id(2)] SessionState State);
