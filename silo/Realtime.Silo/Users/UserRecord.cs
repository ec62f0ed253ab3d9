namespace Realtime.Silo.Users;

/// <summary>
/// What a user grain persists: spent grants and open sessions, both compact and bounded (<see cref="GrantLog"/>:
/// one run per second of the last hour; <see cref="OpenSessionSet"/>: one short entry per open session).
/// Reservations in flight are not here on purpose: they live seconds, and a lost one is harmless (a commit with
/// an unknown id is still recorded).
/// </summary>
[GenerateSerializer, Alias("Realtime.Silo.UserRecord")]
public sealed class UserRecord
{
    /// <summary>
    /// Earlier format: when each committed grant was reserved. Read once and moved into <see cref="GrantRuns"/>;
    /// empty in every record written since.
    /// </summary>
    [Id(0)] public List<DateTimeOffset> Grants { get; set; } = [];

    /// <summary>
    /// Earlier format: open sessions, session id → when its secret expires. Read once and moved into
    /// <see cref="SessionLog"/>; empty in every record written since.
    /// </summary>
    [Id(1)] public Dictionary<string, DateTimeOffset> OpenSessions { get; set; } = [];

    /// <summary>Spent grants of the last hour, (unix second, count), oldest first.</summary>
    [Id(2)] public List<GrantRun> GrantRuns { get; set; } = [];

    /// <summary>Open sessions, as the byte log of <see cref="OpenSessionSet"/>.</summary>
    [Id(3)] public ReadOnlyMemory<byte> SessionLog { get; set; }
}
