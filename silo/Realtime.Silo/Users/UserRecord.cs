namespace Realtime.Silo.Users;

/// <summary>
/// What a user grain persists: spent grants and open sessions, compact and bounded (<see cref="GrantLog"/>: one run
/// per second of the last hour; <see cref="OpenSessionSet"/>: one run per second of the issued secrets' lifetime,
/// one short entry per live session).
/// A reservation is written here at once as a spent grant and an issued session; a release takes both out again.
/// </summary>
[GenerateSerializer, Alias("Realtime.Silo.UserRecord")]
public sealed class UserRecord
{
    /// <summary>Spent grants of the last hour, (unix second, count), oldest first.</summary>
    [Id(2)] public List<SecondRun> GrantRuns { get; set; } = [];

    /// <summary>Live sessions, as the byte log of <see cref="OpenSessionSet"/>.</summary>
    [Id(3)] public ReadOnlyMemory<byte> SessionLog { get; set; }

    /// <summary>Issued sessions, (unix second their secret expires, count), oldest first.</summary>
    [Id(4)] public List<SecondRun> IssuedRuns { get; set; } = [];
}
