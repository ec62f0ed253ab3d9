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
/// Only the user grain that minted the secret calls this, before the session id leaves the silo, so no session
/// grain can be active for the id yet and the write cannot race one. A record already there (a repeated commit)
/// makes the write fail on its etag, changing nothing: <see cref="IssueAsync"/> then answers false.
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
        var grainId = _sessions.IdOf(sessionId);
        try
        {
            await _storage.WriteStateAsync(SessionGrain.StateName, grainId, new GrainState<SessionRecord>(record));
            return true;
        }
        catch (InconsistentStateException)
        {
            return false;
        }
    }
}
