using Microsoft.Extensions.Logging;
using Realtime.Shared.Captions;
using Realtime.Shared.Sessions;
using Realtime.Shared.Users;
using Realtime.Silo.Hosting;

namespace Realtime.Silo.Sessions;

/// <summary>
/// One realtime session (key "ses_…"). Expiry is checked lazily (activation, snapshot) and by a one-shot timer
/// at the secret's expiry, so an unused session frees its owner's slot on time even if nobody looks at it.
/// When the session is over it tells the owner's user grain, one-way: that grain may be waiting on this one.
/// </summary>
public sealed class SessionGrain(
    [PersistentState("session", RealtimeStorage.Name)] IPersistentState<SessionRecord> state,
    TimeProvider time,
    ILogger<SessionGrain> logger) : Grain, ISessionGrain
{
    private IGrainTimer? _expiryTimer;

    private string SessionId => this.GetPrimaryKeyString();

    // Timers do not survive a deactivation or a silo restart: settle or re-arm expiry on every activation.
    public override Task OnActivateAsync(CancellationToken cancellationToken) => ExpireOrArm();

    public async Task Start(SessionStart start)
    {
        if (!state.State.Issue(start)) return;
        await state.WriteStateAsync();
        logger.LogInformation("Session {SessionId} issued for {TenantId}, expires {ExpiresAt:O}",
            SessionId, start.TenantId, start.ExpiresAt);
        await ExpireOrArm();
    }

    public async Task<SessionSnapshot?> GetSnapshot()
    {
        await ExpireIfDue();
        return state.State.ToSnapshot(SessionId);
    }

    public async Task<SessionSnapshot?> End()
    {
        // A secret that expired unused is an expired session, even if its timer has not run yet.
        if (!await ExpireIfDue() && state.State.End(time.GetUtcNow()))
        {
            await Closed();
        }

        return state.State.ToSnapshot(SessionId);
    }

    private async Task ExpireOrArm()
    {
        if (!await ExpireIfDue())
        {
            ArmExpiryTimer();
        }
    }

    private async Task<bool> ExpireIfDue()
    {
        if (!state.State.ExpireIfDue(time.GetUtcNow())) return false;
        await Closed();
        return true;
    }

    private void ArmExpiryTimer()
    {
        _expiryTimer?.Dispose();
        _expiryTimer = null;
        if (state.State is not { State: SessionState.Issued, Start: { } start }) return;

        var due = start.ExpiresAt - time.GetUtcNow();
        // KeepAlive: an idle session must stay active until its timer has fired (at most the secret's TTL).
        // If a timer fires a hair early, ExpireOrArm simply arms it again.
        _expiryTimer = this.RegisterGrainTimer(_ => ExpireOrArm(), new GrainTimerCreationOptions
        {
            DueTime = due > TimeSpan.Zero ? due : TimeSpan.Zero,
            Period = Timeout.InfiniteTimeSpan,
            KeepAlive = true,
        });
    }

    private async Task Closed()
    {
        _expiryTimer?.Dispose();
        _expiryTimer = null;
        await state.WriteStateAsync();

        var start = state.State.Start!;
        logger.LogInformation("Session {SessionId} {State}", SessionId, state.State.State);
        // One-way ([OneWay] on the interface): returns at once, so this grain never waits on the user grain.
        await GrainFactory.GetGrain<IUserGrain>(UserKey.For(start.TenantId, start.UserId)).SessionClosed(SessionId);
    }

    // Captions arrive with the aggregation work (issue 3); these placeholders are replaced there.
    public Task<PublishAck> Publish(string tenantId, string userId, IReadOnlyList<CaptionEvent> events) => throw new NotImplementedException();

    public Task<CatchUp> Watch(string nodeId, ICaptionObserver node, long afterSeq) => throw new NotImplementedException();

    public Task<CatchUp> GetUpdatesAfter(long afterSeq) => throw new NotImplementedException();

    public Task Unwatch(string nodeId) => throw new NotImplementedException();

    public Task<Transcript> GetTranscript() => throw new NotImplementedException();
}
