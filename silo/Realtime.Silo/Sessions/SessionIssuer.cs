using Orleans.Storage;
using Realtime.Shared.Grains;
using Realtime.Shared.Sessions;
using Realtime.Silo.Storage;

namespace Realtime.Silo.Sessions;

/// <summary>
/// Issues a session by writing its first record straight to the session grain's storage, without activating the
/// grain. Most secrets are used once and many never: activating a grain for every mint (and keeping it resident
/// until the secret expires, so it can expire on time) would cost more than the rest of the token path. The session
/// grain reads this record whenever something first touches the session, and settles an expired secret then; the
/// owner's user grain frees the slot of an unused session by the clock (<c>OpenSessionSet</c>).
/// <para>
/// Only the user grain that reserved the session calls this, before the session id leaves the silo, so no
/// session grain can be active for the id yet and the writes cannot race one. A record already there (a repeated
/// reservation) makes the first write fail on its etag, changing nothing: <see cref="IssueAsync"/> then answers
/// false. The other two (upstream failed; upstream's expiry differs from the planned one) run before the api
/// answers, so before anyone knows the id, too.
/// </para>
/// </summary>
public sealed class SessionIssuer(DirectStates states, IGrainFactory grains)
{
    private readonly StringKeyGrains<ISessionGrain> _sessions = new(grains);

    /// <summary>Stores the session as issued; false when it was issued before.</summary>
    public async Task<bool> IssueAsync(string sessionId, SessionStart start)
    {
        var state = StateOf(sessionId);
        state.State = new SessionRecord();
        state.State.Issue(start);
        try
        {
            await state.WriteStateAsync();
            return true;
        }
        catch (InconsistentStateException)
        {
            return false;
        }
    }

    /// <summary>Deletes the record of a session whose secret was never minted; false when there is none.</summary>
    public async Task<bool> WithdrawAsync(string sessionId)
    {
        var state = await ReadAsync(sessionId);
        if (!state.RecordExists) return false;
        await state.ClearStateAsync();
        return true;
    }

    /// <summary>Moves an issued session's expiry; false when the session is not issued.</summary>
    public async Task<bool> MoveExpiryAsync(string sessionId, DateTimeOffset expiresAt)
    {
        var state = await ReadAsync(sessionId);
        if (!state.RecordExists || state.State is not { } record || !record.MoveExpiry(expiresAt)) return false;
        await state.WriteStateAsync();
        return true;
    }

    private async Task<DirectPersistentState<SessionRecord>> ReadAsync(string sessionId)
    {
        var state = StateOf(sessionId);
        await state.ReadStateAsync();
        return state;
    }

    private DirectPersistentState<SessionRecord> StateOf(string sessionId) => states.For<SessionRecord>(SessionGrain.StateName, _sessions.IdOf(sessionId));
}
