namespace Realtime.Silo.Users;

/// <summary>
/// What a user grain persists: spent grants and open sessions. Reservations in flight are not here on purpose:
/// they live seconds, and a lost one is harmless (a commit with an unknown id is still recorded).
/// </summary>
[GenerateSerializer, Alias("Realtime.Silo.UserRecord")]
public sealed class UserRecord
{
    /// <summary>When each committed grant was reserved. Entries older than an hour are dropped.</summary>
    [Id(0)] public List<DateTimeOffset> Grants { get; set; } = [];

    /// <summary>Open sessions: session id → when its secret expires.</summary>
    [Id(1)] public Dictionary<string, DateTimeOffset> OpenSessions { get; set; } = [];
}
