namespace Realtime.Shared.Captions;

/// <summary>
/// What a Publish did: events applied, repeats of event ids already seen, and the session's last seq; or,
/// when <see cref="Refused"/> is set, why nothing was applied (the session is over, or the caller is not its owner).
/// </summary>
[GenerateSerializer, Immutable, Alias("Realtime.PublishAck")]
public sealed record PublishAck(
    [property: Id(0)] int Accepted,
    [property: Id(1)] int Duplicates,
    [property: Id(2)] long LastSeq,
    [property: Id(3)] string? Refused = null);
