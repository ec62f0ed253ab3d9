using Orleans.Concurrency;

namespace Realtime.Shared.Users;

/// <summary>
/// One user's sliding-window budgets and concurrent sessions, keyed "{tid}/{sub}" (see <see cref="UserKey"/>).
/// A token request reserves before it asks upstream for the secret, and releases if upstream failed, so a failed
/// request never spends budget. The reservation is optimistic: it spends the unit and issues the planned session
/// durably at once, so a mint that succeeds costs one grain call. The grain is not reentrant, which makes the
/// counts exact.
/// </summary>
public interface IUserGrain : IGrainWithStringKey
{
    /// <summary>
    /// Takes one unit of every budget and issues the <paramref name="planned"/> session (its record is stored; its
    /// grain is activated only when something first uses it), holding a concurrent slot for it, durably, before
    /// answering; or names the limit that refuses it. The unit stays spent unless <see cref="Release"/> gives it
    /// back; the slot is free again when the secret expires unused, or when the session, once live, says it is
    /// over. Reserving a session that is already issued (a repeated call) spends nothing twice.
    /// </summary>
    Task<Reservation> Reserve(UserLimits limits, SessionGrant planned);

    /// <summary>
    /// Upstream failed: withdraws the planned session and gives its unit back (<paramref name="reservedAt"/> is
    /// <see cref="Reservation.ReservedAt"/>). A session released before, or never issued, is ignored.
    /// </summary>
    Task Release(SessionGrant planned, DateTimeOffset reservedAt);

    /// <summary>
    /// Upstream minted the secret with another expiry than planned (a second boundary passed during the call, or
    /// its clock differs from this one): the issued session and its slot follow the secret's real expiry.
    /// </summary>
    Task MoveExpiry(SessionGrant planned, DateTimeOffset expiresAt);

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
