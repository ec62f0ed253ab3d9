namespace Realtime.Shared.Sessions;

/// <summary>A session as GET /api/sessions/{id} shows it.</summary>
[GenerateSerializer, Immutable, Alias("Realtime.SessionSnapshot")]
public sealed record SessionSnapshot(
    [property: Id(0)] string SessionId,
    [property: Id(1)] string TenantId,
    [property: Id(2)] string UserId,
    [property: Id(3)] string Model,
    [property: Id(4)] string Type,
    [property: Id(5)] SessionState State,
    [property: Id(6)] DateTimeOffset IssuedAt,
    [property: Id(7)] DateTimeOffset ExpiresAt,
    [property: Id(8)] DateTimeOffset? EndedAt,
    [property: Id(9)] int EventCount,
    [property: Id(10)] int SegmentCount);
