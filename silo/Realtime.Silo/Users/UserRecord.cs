namespace Realtime.Silo.Users;

/// <summary>
/// What a user grain persists: spent grants and open sessions. Grants and issued sessions are counted per second
/// (<see cref="SecondCounts"/>), so the record stays small however many secrets a user mints.
/// A reservation is written here at once as a spent grant and an issued session; a release takes both out again.
/// </summary>
[GenerateSerializer, Alias("Realtime.Silo.UserRecord")]
public sealed class UserRecord
{
    /// <summary>Spent grants of the last hour: the unix second a grant counts from → grants.</summary>
    [Id(5)] public Dictionary<long, int> Grants { get; set; } = new();

    /// <summary>Issued sessions (minted, not yet live): the unix second their secret expires → sessions.</summary>
    [Id(6)] public Dictionary<long, int> Issued { get; set; } = new();

    /// <summary>Live sessions: session id → when its secret expired.</summary>
    [Id(7)] public Dictionary<string, DateTimeOffset> Live { get; set; } = new();
}
