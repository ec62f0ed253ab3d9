using Orleans.Concurrency;

namespace Realtime.Shared.Users;

/// <summary>
/// One user's sliding-window budgets and concurrent sessions, keyed "{tid}/{sub}" (see <see cref="UserKey"/>).
/// A token request reserves first, then commits once upstream minted the secret, or releases if it failed,
/// so a failed request never spends budget. The grain is not reentrant, which makes the counts exact.
/// </summary>
public interface IUserGrain : IGrainWithStringKey
{
    /// <summary>Takes one unit of every budget, or names the limit that refuses it.</summary>
    Task<Reservation> Reserve(UserLimits limits);

    /// <summary>
    /// Turns a reservation into a spent grant, issues the session it minted (its record is stored; its grain is
    /// activated only when something first uses it) and holds a concurrent slot for it, durably. The slot is free
    /// again when the secret expires unused, or when the session, once live, says it is over.
    /// </summary>
    Task Commit(Guid reservationId, SessionGrant grant);

    /// <summary>Gives a reservation back (upstream failed). Unknown ids are ignored.</summary>
    Task Release(Guid reservationId);

    /// <summary>
    /// Called by a session that ended or expired (<paramref name="expiresAt"/>: its secret's expiry): frees its
    /// concurrent slot. One-way, so a session grain
    /// never waits on the user grain while the user grain may be waiting on it (no deadlock); a lost
    /// notification is repaired when the user grain reconciles its open sessions at the cap.
    /// </summary>
    [OneWay]
    Task SessionClosed(string sessionId, DateTimeOffset expiresAt);

    /// <summary>
    /// Called by a session when it goes live: it now holds its slot past its secret's expiry, until it says it is
    /// closed. One-way, like <see cref="SessionClosed"/>.
    /// </summary>
    [OneWay]
    Task SessionLive(string sessionId, DateTimeOffset expiresAt);

    Task<UserUsage> GetUsage();
}
