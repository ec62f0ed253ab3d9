using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using Realtime.Api.Hosting;
using Realtime.Api.Observability;
using Realtime.Shared.Captions;
using Realtime.Shared.Logging;
using Realtime.Shared.Sessions;

namespace Realtime.Api.Captions;

/// <summary>
/// This api node's single caption observer (as in dotnet/orleans samples/GPSTracker): session grains send each
/// batch once to the node, whatever the number of its viewers, and the node hands it to each local viewer's
/// outbox. Subscriptions are per session and renewed by <see cref="CaptionSubscriptionRefresher"/>; a batch
/// that skips seqs (a lost or reordered message, a reactivated grain) makes the node ask the grain for what
/// it missed before delivering. It reports its viewer figures and how long a batch takes from arrival to the
/// viewers' outboxes to <see cref="RealtimeMetrics"/>.
/// </summary>
public sealed partial class CaptionFanout : ICaptionObserver
{
    private readonly ConcurrentDictionary<string, SessionFeed> _feeds = new(StringComparer.Ordinal);
    private readonly IGrainFactory _grains;
    private readonly CaptionConnections _connections;
    private readonly NodeIdentity _node;
    private readonly CaptionOptions _options;
    private readonly ILogger<CaptionFanout> _logger;
    private readonly RealtimeMetrics _metrics;
    private readonly ICaptionObserver _reference;

    public CaptionFanout(IGrainFactory grains, CaptionConnections connections, NodeIdentity node, IOptions<CaptionOptions> options,
        RealtimeMetrics metrics, ILogger<CaptionFanout> logger)
    {
        (_grains, _connections, _node, _options, _metrics, _logger) = (grains, connections, node, options.Value, metrics, logger);
        metrics.ObserveViewers(() => ViewerCount, () => SessionCount);
        // Orleans holds observers weakly: this singleton keeps itself alive for the process's lifetime.
        _reference = grains.CreateObjectReference<ICaptionObserver>(this);
    }

    public int SessionCount => _feeds.Count;

    public int ViewerCount => _feeds.Values.Sum(f => f.ViewerCount);

    /// <summary>Starts streaming a session to a connection and answers its catch-up after <paramref name="afterSeq"/>.</summary>
    public async Task<CatchUp> WatchAsync(HubCallerContext connection, string sessionId, long afterSeq)
    {
        // Gone only if the connection closed while this call was on its way: nothing to stream to.
        var context = _connections.Find(connection.ConnectionId) ?? throw new HubException("The connection is closing.");
        var feed = _feeds.GetOrAdd(sessionId, id => new SessionFeed(id));
        var outbox = new ViewerOutbox(context, _options.MaxPendingPerViewer, _logger);
        feed.AddPending(outbox);
        try
        {
            var catchUp = await Grain(sessionId).Watch(_node.Id, _reference, afterSeq);
            feed.Activate(connection.ConnectionId, catchUp);
            return catchUp;
        }
        catch
        {
            await UnwatchAsync(connection.ConnectionId, sessionId);
            throw;
        }
    }

    public async Task UnwatchAsync(string connectionId, string sessionId)
    {
        if (!_feeds.TryGetValue(sessionId, out var feed) || !feed.Remove(connectionId) || !feed.IsEmpty) return;
        _feeds.TryRemove(new KeyValuePair<string, SessionFeed>(sessionId, feed));
        try
        {
            await Grain(sessionId).Unwatch(_node.Id);
        }
        catch (Exception e)
        {
            // The grain drops a node that stops refreshing anyway.
            LogUnwatchFailed(_logger, LogText.Escape(sessionId), e.Message);
        }
    }

    /// <summary>A connection closed: it stops watching everything.</summary>
    public async Task DisconnectAsync(string connectionId)
    {
        foreach (var sessionId in _feeds.Keys) await UnwatchAsync(connectionId, sessionId);
    }

    public async Task OnCaptions(CaptionBatch batch)
    {
        if (!_feeds.TryGetValue(batch.SessionId, out var feed)) return;
        var start = _metrics.Start();
        var first = batch.Updates.Count > 0 ? batch.Updates[0].Seq : 0;
        if (feed.LastSeq > 0 && first > feed.LastSeq + 1) await FillGapAsync(feed, batch.State);
        else feed.Deliver(batch.Updates, batch.State);
        _metrics.FannedOut(start);
    }

    /// <summary>Renews this node's subscription to every watched session, delivering anything missed; forgets empty feeds.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        foreach (var feed in _feeds.Values)
        {
            if (cancellationToken.IsCancellationRequested) return;
            if (feed.IsEmpty)
            {
                _feeds.TryRemove(new KeyValuePair<string, SessionFeed>(feed.SessionId, feed));
                continue;
            }
            try
            {
                var catchUp = await Grain(feed.SessionId).Watch(_node.Id, _reference, feed.LastSeq);
                feed.Deliver(catchUp.Updates, catchUp.State);
            }
            catch (Exception e)
            {
                LogRenewFailed(_logger, feed.SessionId, e.Message);
            }
        }
    }

    private async Task FillGapAsync(SessionFeed feed, SessionState state)
    {
        try
        {
            var missed = await Grain(feed.SessionId).GetUpdatesAfter(feed.LastSeq);
            feed.Deliver(missed.Updates, missed.State);
        }
        catch (Exception e)
        {
            // The next refresh (at most SubscriptionRefreshSeconds away) delivers them.
            LogGapFillFailed(_logger, feed.SessionId, e.Message);
            feed.Deliver([], state);
        }
    }

    private ISessionGrain Grain(string sessionId) => _grains.GetGrain<ISessionGrain>(sessionId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Renewing the subscription to {SessionId} failed, retrying next round: {Error}")]
    private static partial void LogRenewFailed(ILogger logger, string sessionId, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Filling a caption gap of {SessionId} failed: {Error}")]
    private static partial void LogGapFillFailed(ILogger logger, string sessionId, string error);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Unwatch of {SessionId} failed: {Error}")]
    private static partial void LogUnwatchFailed(ILogger logger, string? sessionId, string error);
}
