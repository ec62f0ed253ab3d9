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
    /// Turns a reservation into a spent grant and holds a concurrent slot for the session it minted (durably).
    /// The caller starts that session (<c>ISessionGrain.Start</c>) alongside, so this grain never waits on a
    /// session grain's activation.
    /// </summary>
    Task Commit(Guid reservationId, SessionGrant grant);

    /// <summary>Gives a reservation back (upstream failed). Unknown ids are ignored.</summary>
    Task Release(Guid reservationId);

    /// <summary>
    /// Called by a session that ended or expired: frees its concurrent slot. One-way, so a session grain
    /// never waits on the user grain while the user grain may be waiting on it (no deadlock); a lost
    /// notification is repaired when the user grain reconciles its open sessions at the cap.
    /// </summary>
    [OneWay]
    Task SessionClosed(string sessionId);

    Task<UserUsage> GetUsage();
}
