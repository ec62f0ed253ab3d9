using Realtime.Shared.Sessions;

namespace Realtime.Api.Sessions;

/// <summary>GET /api/sessions/{id}: state, owner, times and counts (snake_case on the wire).</summary>
public sealed record SessionView(
    string SessionId,
    string State,
    string Owner,
    string Type,
    string Model,
    DateTimeOffset IssuedAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? EndedAt,
    int EventCount,
    int SegmentCount)
{
    public static SessionView From(SessionSnapshot s) => new(
        s.SessionId, s.State.Wire(), s.UserId, s.Type, s.Model,
        s.IssuedAt, s.ExpiresAt, s.EndedAt, s.EventCount, s.SegmentCount);
}
