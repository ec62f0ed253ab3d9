namespace Realtime.Silo.Users;

/// <summary><paramref name="Count"/> grants counted from the whole unix second <paramref name="Second"/> (see <see cref="GrantLog"/>).</summary>
[GenerateSerializer, Immutable, Alias("Realtime.Silo.GrantRun")]
public readonly record struct GrantRun([property: Id(0)] long Second, [property: Id(1)] int Count);
