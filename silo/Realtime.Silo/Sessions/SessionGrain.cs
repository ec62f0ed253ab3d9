using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Realtime.Shared.Captions;
using Realtime.Shared.Sessions;
using Realtime.Shared.Users;
using Realtime.Silo.Hosting;
using Realtime.Silo.Sessions.Captions;

namespace Realtime.Silo.Sessions;

/// <summary>
/// One realtime session (key "ses_…"): its lifecycle and its captions.
/// <para>
/// Lifecycle: issued → live (first publish) → ended (owner, or idle too long), or issued → expired (secret
/// expired unused). Both deadlines are checked lazily (activation, snapshot, publish, watch) and by one timer:
/// while issued it keeps the grain alive until the secret's expiry, so an unused session frees its owner's slot
/// on time; while live it does not keep an idle grain alive, since a reactivated grain checks again (and the
/// owner's user grain asks its overdue sessions when at the cap). When the session is over it tells the owner's
/// user grain, one-way: that grain may be waiting on this one.
/// </para>
/// <para>
/// Captions: <see cref="CaptionAggregator"/> folds the events; this grain persists the settled segments and a seq
/// ceiling (at most one write per Publish, and none for partials alone), then pushes one batch to every
/// subscribed api node. Seqs stay strictly increasing across activations: a ceiling is reserved in blocks of
/// <see cref="SeqBlock"/> and persisted before any seq above the previous ceiling leaves the grain, and a new
/// activation numbers from the stored ceiling on.
/// </para>
/// </summary>
public sealed class SessionGrain(
    [PersistentState("session", RealtimeStorage.Name)] IPersistentState<SessionRecord> state,
    TimeProvider time,
    IOptions<SessionOptions> options,
    SessionCensus census,
    ILogger<SessionGrain> logger) : Grain, ISessionGrain
{
    /// <summary>How many seqs one ceiling write reserves.</summary>
    public const long SeqBlock = 1_000;

    private readonly SessionOptions _options = options.Value;

    // Subscribed api nodes: node id → its observer and when it last (re)subscribed. In memory only: nodes refresh.
    private readonly Dictionary<string, (ICaptionObserver Node, DateTimeOffset RefreshedAt)> _nodes = new(StringComparer.Ordinal);

    private CaptionAggregator _captions = null!;
    private IGrainTimer? _timer;

    // The LastPublishAt storage has: refreshed now and then even when nothing else is written, so an activation
    // after a restart does not take a session that kept publishing partials for idle.
    private DateTimeOffset? _lastPublishWritten;

    // The state SessionCensus counts this activation under: the stored state, None before activation and after.
    private SessionState _counted;

    private string SessionId => this.GetPrimaryKeyString();

    private SessionRecord Record => state.State;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _captions = CaptionAggregator.Restore(SessionId, Record.SeqCeiling, Record.Segments ?? [], Record.FirstEventAt, Record.EventCount);
        Record.Segments = null; // the aggregator holds them now
        _lastPublishWritten = Record.LastPublishAt;

        Count(Record.State);
        // Timers do not survive a deactivation or a silo restart: settle or re-arm on every activation.
        return SettleOrArmCounted();
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        Count(SessionState.None);
        return Task.CompletedTask;
    }

    public async Task Start(SessionStart start)
    {
        if (!Record.Issue(start)) return;
        await Save();
        if (logger.IsEnabled(LogLevel.Information))
        {
            logger.LogInformation("Session {SessionId} issued for {TenantId}, expires {ExpiresAt:O}",
                SessionId, start.TenantId, start.ExpiresAt);
        }
        await SettleOrArm();
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
            logger.LogInformation("Session {SessionId} live", SessionId);
            Arm(); // from the secret's expiry to the idle deadline
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

        var now = time.GetUtcNow();
        DropStaleNodes(now);
        // A session that is over never changes again: nothing to subscribe to.
        if (Record.IsOpen) _nodes[nodeId] = (node, now);
        return CatchUpAfter(afterSeq);
    }

    public async Task<CatchUp> GetUpdatesAfter(long afterSeq)
    {
        await Settle();
        return CatchUpAfter(afterSeq);
    }

    public Task Unwatch(string nodeId)
    {
        _nodes.Remove(nodeId);
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
        bool keepAlive;
        if (Record is { State: SessionState.Issued, Start: { } start })
        {
            // At most the secret's TTL: an unused secret must free its slot on time even if nobody asks.
            (due, keepAlive) = (start.ExpiresAt, true);
        }
        else if (Record.IdleDueAt(_options.IdleTimeout) is { } idleAt)
        {
            // A publish does not re-arm: the timer fires at the old deadline, finds it moved, and arms again.
            (due, keepAlive) = (idleAt, false);
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
            KeepAlive = keepAlive,
        });
    }

    private async Task Closed()
    {
        _timer?.Dispose();
        _timer = null;
        await Save();

        var start = Record.Start!;
        logger.LogInformation("Session {SessionId} {State}", SessionId, Record.State);
        // One-way ([OneWay] on the interface): returns at once, so this grain never waits on the user grain.
        await GrainFactory.GetGrain<IUserGrain>(UserKey.For(start.TenantId, start.UserId)).SessionClosed(SessionId);

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
            await state.WriteStateAsync();
            _lastPublishWritten = Record.LastPublishAt;
            Count(Record.State);
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

    /// <summary>One-way to every subscribed node: a slow or dead node never holds this grain up.</summary>
    private void Push(CaptionBatch batch)
    {
        if (_nodes.Count == 0) return;
        DropStaleNodes(time.GetUtcNow());
        foreach (var (nodeId, subscription) in _nodes)
        {
            try
            {
                subscription.Node.OnCaptions(batch).Ignore();
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Session {SessionId}: node {NodeId} dropped, it cannot be reached", SessionId, nodeId);
                _nodes.Remove(nodeId);
            }
        }
    }

    // A failed activation is never deactivated: it must not stay counted.
    private async Task SettleOrArmCounted()
    {
        try
        {
            await SettleOrArm();
        }
        catch
        {
            Count(SessionState.None);
            throw;
        }
    }

    private void Count(SessionState now)
    {
        census.Moved(_counted, now);
        _counted = now;
    }

    private void DropStaleNodes(DateTimeOffset now)
    {
        foreach (var (nodeId, subscription) in _nodes)
        {
            if (now - subscription.RefreshedAt >= _options.SubscriptionLifetime)
            {
                logger.LogDebug("Session {SessionId}: node {NodeId} did not refresh, dropped", SessionId, nodeId);
                _nodes.Remove(nodeId);
            }
        }
    }
}
