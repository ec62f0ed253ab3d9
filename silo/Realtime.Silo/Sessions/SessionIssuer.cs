using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Realtime.Shared.Grains;
using Realtime.Shared.Sessions;
using Realtime.Silo.Hosting;

namespace Realtime.Silo.Sessions;

/// <summary>
/// Issues a session by writing its first record straight to the session grain's storage, without activating the
/// grain. Most secrets are used once and many never: activating a grain for every mint (and keeping it resident
/// until the secret expired, so it could expire on time) cost more than the rest of the token path. The session
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
public sealed class SessionIssuer(IServiceProvider services, IGrainFactory grains)
{
    private readonly IGrainStorage _storage = services.GetRequiredKeyedService<IGrainStorage>(RealtimeStorage.Name);
    private readonly StringKeyGrains<ISessionGrain> _sessions = new(grains);

    /// <summary>Stores the session as issued; false when it was issued before.</summary>
    public async Task<bool> IssueAsync(string sessionId, SessionStart start)
    {
        var record = new SessionRecord();
        record.Issue(start);
        try
        {
            await _storage.WriteStateAsync(SessionGrain.StateName, _sessions.IdOf(sessionId), new GrainState<SessionRecord>(record));
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
        var (grainId, state) = await ReadAsync(sessionId);
        if (!state.RecordExists) return false;
        await _storage.ClearStateAsync(SessionGrain.StateName, grainId, state);
        return true;
    }

    /// <summary>Moves an issued session's expiry; false when the session is not issued.</summary>
    public async Task<bool> MoveExpiryAsync(string sessionId, DateTimeOffset expiresAt)
    {
        var (grainId, state) = await ReadAsync(sessionId);
        if (!state.RecordExists || state.State is not { } record || !record.MoveExpiry(expiresAt)) return false;
        await _storage.WriteStateAsync(SessionGrain.StateName, grainId, state);
        return true;
    }

    private async Task<(GrainId GrainId, GrainState<SessionRecord> State)> ReadAsync(string sessionId)
    {
        var grainId = _sessions.IdOf(sessionId);
        var state = new GrainState<SessionRecord>(new SessionRecord());
        await _storage.ReadStateAsync(SessionGrain.StateName, grainId, state);
        return (grainId, state);
    }
}
