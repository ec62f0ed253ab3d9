namespace Realtime.Silo.Users;

/// <summary>
/// <paramref name="Count"/> things counted at the whole unix second <paramref name="Second"/>: grants from the
/// second they count from (<see cref="GrantLog"/>), issued sessions by the second their secret expires
/// (<see cref="OpenSessionSet"/>).
/// </summary>
[GenerateSerializer, Immutable, Alias("Realtime.Silo.SecondRun")]
public readonly record struct SecondRun([property: Id(0)] long Second, [property: Id(1)] int Count);
