using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Utilities;
using Realtime.Shared.Captions;
using Realtime.Shared.Sessions;
using Realtime.Shared.Tenants;
using Realtime.Shared.Users;
using Realtime.Silo.Sessions.Captions;
using Realtime.Silo.Storage;

namespace Realtime.Silo.Sessions;

/// <summary>
/// One realtime session (key "ses_…"): its lifecycle and its captions.
/// <para>
/// Lifecycle: issued → live (first publish) → ended (owner, or idle too long), or issued → expired (secret
/// expired unused). The owner's user grain issues the session by writing its record (<see cref="SessionIssuer"/>),
/// so this grain is first activated when something uses the session. Both deadlines are checked lazily
/// (activation, snapshot, publish, watch) and, while the grain is active, by one timer that does not keep an idle
/// grain alive: a reactivated grain checks again, and the owner's user grain needs no timer here (it frees an
/// unused session's slot by the clock, and asks its overdue live sessions when at the cap). When the session goes
/// live and when it is over it tells the owner's user grain, one-way: that grain may be waiting on this one.
/// </para>
/// <para>
/// Captions: <see cref="CaptionAggregator"/> folds the events; this grain persists the settled segments and a seq
/// ceiling (at most one write per Publish, and none for partials alone), then pushes one batch to every
/// subscribed api node. Seqs stay strictly increasing across activations: a ceiling is reserved in blocks of
/// <see cref="SeqBlock"/> and persisted before any seq above the previous ceiling leaves the grain, and a new
/// activation numbers from the stored ceiling on.
/// </para>
/// </summary>
public sealed partial class SessionGrain(
    DirectStates states,
    TimeProvider time,
    IOptions<SessionOptions> options,
    SessionCensus census,
    ILogger<SessionGrain> logger) : Grain, ISessionGrain
{
    private DirectPersistentState<SessionRecord> _state = null!;

    /// <summary>How many seqs one ceiling write reserves.</summary>
    public const long SeqBlock = 1_000;

    /// <summary>The name this grain's record is stored under (<see cref="SessionIssuer"/> writes the first one).</summary>
    public const string StateName = "session";

    private readonly SessionOptions _options = options.Value;

    // Subscribed api nodes by node id. In memory only: nodes refresh (Watch) within the subscription lifetime, and
    // one that stops refreshing, or cannot be reached, is dropped.
    private readonly ObserverManager<string, ICaptionObserver> _nodes = new(options.Value.SubscriptionLifetime, logger)
    {
        GetDateTime = () => time.GetUtcNow().UtcDateTime,
    };

    private CaptionAggregator _captions = null!;
    private IGrainTimer? _timer;

    // The LastPublishAt storage has: refreshed now and then even when nothing else is written, so an activation
    // after a restart does not take a session that kept publishing partials for idle.
    private DateTimeOffset? _lastPublishWritten;

    // Whether SessionCensus counts this activation as live: stored as live, and not yet deactivated.
    private bool _countedLive;

    private string SessionId => this.GetPrimaryKeyString();

    private SessionRecord Record => _state.State;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _state = await states.ReadAsync<SessionRecord>(StateName, this.GetGrainId());
        _captions = CaptionAggregator.Restore(SessionId, Record.SeqCeiling, Record.Segments ?? [], Record.FirstEventAt, Record.EventCount);
        Record.Segments = null; // the aggregator holds them now
        _lastPublishWritten = Record.LastPublishAt;

        CountLive(Record.State == SessionState.Live);
        // Timers do not survive a deactivation or a silo restart: settle or re-arm on every activation.
        await SettleOrArmCounted();
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        CountLive(false);
        return Task.CompletedTask;
    }

    public async Task<SessionSnapshot?> GetSnapshot()
    {
        await Settle();
        return Snapshot();
    }

    public async Task<SessionSnapshot?> End()
    {
        // A secret that expired unused is an expired session, even if its timer has not run yet.
        if (!await Settle() && Record.End(time.GetUtcNow()))
        {
            await Closed();
        }

        return Snapshot();
    }

    public async Task<bool> RecordCall(string callId)
    {
        ArgumentException.ThrowIfNullOrEmpty(callId);
        if (Record.Start is null || await Settle() || !Record.IsOpen) return false;
        if (Record.AddCall(callId)) await Save();
        return true;
    }

    public Task<IReadOnlyList<string>> GetCallIds() => Task.FromResult<IReadOnlyList<string>>([.. Record.CallIds]);

    public async Task<PublishAck> Publish(string tenantId, string userId, IReadOnlyList<CaptionEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        await Settle();
        if (Record.Start is not { } start) return new PublishAck(0, 0, 0, PublishRefusal.SessionUnknown);
        if (start.TenantId != tenantId || start.UserId != userId) return new PublishAck(0, 0, 0, PublishRefusal.NotOwner);
        if (!Record.IsOpen) return new PublishAck(0, 0, _captions.LastSeq, PublishRefusal.SessionEnded);
        if (events.Count == 0) return new PublishAck(0, 0, _captions.LastSeq);

        var now = time.GetUtcNow();
        var applied = _captions.Apply(events, now); // an event unfit for its kind throws here, before anything changed
        var wentLive = Record.GoLive(now);
        Record.LastPublishAt = now;

        var newSeqs = _captions.LastSeq > Record.SeqCeiling;
        if (newSeqs) Record.SeqCeiling = _captions.LastSeq + SeqBlock;
        var publishTimeStale = _lastPublishWritten is not { } written || now - written >= _options.IdleTimeout / 4;
        if (wentLive || applied.SettledChanged || newSeqs || publishTimeStale)
        {
            await Save();
        }

        if (wentLive)
        {
            LogLive(logger, SessionId);
            Arm(); // from the secret's expiry to the idle deadline
            // One-way: the owner now holds this session's slot past the secret's expiry, until it hears it closed.
            await Owner(start).SessionLive(SessionId, start.ExpiresAt);
            // One-way too: deleting the tenant ends its live sessions through this index.
            await TenantSessions(start).Live(SessionId);
        }

        if (wentLive || applied.Updates.Count > 0)
        {
            Push(new CaptionBatch(SessionId, applied.Updates, Record.State));
        }

        return new PublishAck(applied.Accepted, applied.Duplicates, _captions.LastSeq);
    }

    public async Task<CatchUp> Watch(string nodeId, ICaptionObserver node, long afterSeq)
    {
        ArgumentException.ThrowIfNullOrEmpty(nodeId);
        ArgumentNullException.ThrowIfNull(node);
        await Settle();

        _nodes.ClearExpired();
        // A session that is over never changes again: nothing to subscribe to.
        if (Record.IsOpen) _nodes.Subscribe(nodeId, node);
        return CatchUpAfter(afterSeq);
    }

    public async Task<CatchUp> GetUpdatesAfter(long afterSeq)
    {
        await Settle();
        return CatchUpAfter(afterSeq);
    }

    public Task Unwatch(string nodeId)
    {
        _nodes.Unsubscribe(nodeId);
        return Task.CompletedTask;
    }

    public Task<Transcript> GetTranscript() =>
        Task.FromResult(new Transcript(SessionId, _captions.FirstEventAt, _captions.Segments()));

    private SessionSnapshot? Snapshot() => Record.ToSnapshot(SessionId, _captions.EventCount, _captions.SegmentCount);

    private CatchUp CatchUpAfter(long afterSeq) => new(Record.State, _captions.LastSeq, _captions.UpdatesAfter(afterSeq));

    private async Task SettleOrArm()
    {
        if (!await Settle())
        {
            Arm();
        }
    }

    /// <summary>Expires an issued session whose secret expired, or ends a live one idle too long; true if it did.</summary>
    private async Task<bool> Settle()
    {
        var now = time.GetUtcNow();
        if (!Record.ExpireIfDue(now) && !Record.EndIfIdle(now, _options.IdleTimeout)) return false;
        await Closed();
        return true;
    }

    private void Arm()
    {
        _timer?.Dispose();
        _timer = null;

        DateTimeOffset due;
        if (Record is { State: SessionState.Issued, Start: { } start })
        {
            // Watchers of an issued session learn of its expiry on time; nobody else needs this grain then.
            due = start.ExpiresAt;
        }
        else if (Record.IdleDueAt(_options.IdleTimeout) is { } idleAt)
        {
            // A publish does not re-arm: the timer fires at the old deadline, finds it moved, and arms again.
            due = idleAt;
        }
        else
        {
            return;
        }

        var dueIn = due - time.GetUtcNow();
        // If a timer fires a hair early, SettleOrArm simply arms it again.
        _timer = this.RegisterGrainTimer(_ => SettleOrArm(), new GrainTimerCreationOptions
        {
            DueTime = dueIn > TimeSpan.Zero ? dueIn : TimeSpan.Zero,
            Period = Timeout.InfiniteTimeSpan,
            KeepAlive = false,
        });
    }

    private async Task Closed()
    {
        _timer?.Dispose();
        _timer = null;
        await Save();

        LogClosed(logger, SessionId, Record.State);
        // An expiry is counted where the secret was minted (SessionCensus.Issued), not here.
        if (Record.State == SessionState.Ended) census.Ended();
        // One-way ([OneWay] on the interface): returns at once, so this grain never waits on the user grain.
        var start = Record.Start!;
        await Owner(start).SessionClosed(SessionId, start.ExpiresAt);
        // Only a session that went live (it published) is in its tenant's index.
        if (Record.LastPublishAt is not null) await TenantSessions(start).Closed(SessionId);

        // Viewers learn the session is over; nothing will change any more, so the subscriptions go.
        Push(new CaptionBatch(SessionId, [], Record.State));
        _nodes.Clear();
    }

    /// <summary>The only way state is written: the record carries the settled segments just for the write.</summary>
    private async Task Save()
    {
        Record.Segments = [.. _captions.SettledSegments()];
        Record.FirstEventAt = _captions.FirstEventAt;
        Record.EventCount = _captions.EventCount;
        try
        {
            await _state.WriteStateAsync();
            _lastPublishWritten = Record.LastPublishAt;
            CountLive(Record.State == SessionState.Live);
        }
        catch
        {
            // Memory is now ahead of storage (seqs above the stored ceiling may exist): start again from storage.
            DeactivateOnIdle();
            throw;
        }
        finally
        {
            Record.Segments = null;
        }
    }

    /// <summary>
    /// One-way to every subscribed node: a slow or dead node never holds this grain up. The manager skips and drops
    /// expired subscriptions, and drops a node whose call cannot even be sent.
    /// </summary>
    private void Push(CaptionBatch batch) => _nodes.Notify(node => node.OnCaptions(batch).Ignore());

    // A failed activation is never deactivated: it must not stay counted.
    private async Task SettleOrArmCounted()
    {
        try
        {
            await SettleOrArm();
        }
        catch
        {
            CountLive(false);
            throw;
        }
    }

    private void CountLive(bool live)
    {
        if (live == _countedLive) return;
        if (live) census.LiveActivated();
        else census.LiveDeactivated();
        _countedLive = live;
    }

    private ITenantSessionsGrain TenantSessions(SessionStart start) => GrainFactory.GetGrain<ITenantSessionsGrain>(start.TenantId);

    private IUserGrain Owner(SessionStart start) => GrainFactory.GetGrain<IUserGrain>(UserKey.For(start.TenantId, start.UserId));

    [LoggerMessage(Level = LogLevel.Information, Message = "Session {SessionId} live")]
    private static partial void LogLive(ILogger logger, string sessionId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Session {SessionId} {State}")]
    private static partial void LogClosed(ILogger logger, string sessionId, SessionState state);
}
