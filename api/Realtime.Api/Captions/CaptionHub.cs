using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using Realtime.Api.Auth;
using Realtime.Api.Observability;
using Realtime.Api.Sessions;
using Realtime.Http;
using Realtime.Shared.Captions;
using Realtime.Shared.Logging;
using Realtime.Shared.Sessions;

namespace Realtime.Api.Captions;

/// <summary>
/// <c>/hubs/captions</c>: the speaker's client publishes the OpenAI events it receives; viewers watch a session's
/// captions with resume. A refusal is an answer with a code (<see cref="HubRefusal"/> in <see cref="PublishAnswer"/>
/// or <see cref="WatchAnswer"/>); a refused Publish is logged as one Information line. Each connection has a Publish
/// budget (<see cref="PublishRate"/>) and each user a connection cap on this node (<see cref="UserConnectionCap"/>).
/// </summary>
[Authorize]
public sealed partial class CaptionHub(SessionDirectory sessions, CaptionFanout fanout, IGrainFactory grains, RealtimeMetrics metrics,
    UserConnectionCap connections, IOptions<CaptionOptions> options, ILogger<CaptionHub> logger) : Hub
{
    public const string Path = "/hubs/captions";

    private const string ReservationKey = "caption-connection-reservation";

    private const string NotOwnerMessage = "Only the session's owner can publish to it.";

    /// <summary>
    /// Owner only. <paramref name="events"/> is an array of OpenAI events exactly as received. Timed from receipt
    /// to acknowledgement, which the session grain gives only once the finals are persisted. A refusal comes back
    /// in the answer with a code the client acts on; an exception means a fault worth retrying.
    /// </summary>
    public async Task<PublishAnswer> Publish(string sessionId, JsonElement events)
    {
        var start = metrics.Start();
        try
        {
            var answer = await PublishAsync(sessionId, events);
            if (answer.Refusal is { } refusal)
            {
                metrics.Published(start, "refused");
                LogPublishRefused(logger, LogText.Escape(Truncate(sessionId)), refusal.Code, LogText.Escape(refusal.Message));
            }
            else
            {
                metrics.Published(start, "ok");
            }
            return answer;
        }
        catch
        {
            metrics.Published(start, "error");
            throw;
        }
    }

    private async Task<PublishAnswer> PublishAsync(string sessionId, JsonElement events)
    {
        var rate = RateOfConnection();
        if (!rate.TryTake(out var retryAfter))
            return Refuse(HubRefusalCodes.RateLimited, $"Too many Publish calls on this connection: at most {rate.PerSecond} a second; slow down and retry.",
                (int)Math.Ceiling(retryAfter.TotalMilliseconds));
        var caller = Caller.From(Context.User!);
        var session = await sessions.FindAsync(sessionId);
        if (!IsVisible(session, caller)) return Refuse(HubRefusalCodes.NotVisible, NotVisibleMessage(sessionId));
        if (!SessionAccess.IsOwner(caller, session)) return Refuse(HubRefusalCodes.NotOwner, NotOwnerMessage);
        // Checked before the parser reads a field: a duplicate name, invalid UTF-8 or an unpaired surrogate refuses the batch.
        if (StrictJson.FindProblem(events) is { } malformed) return InvalidEvents(malformed);
        var (parsed, error) = CaptionEventParser.ParseBatch(events);
        if (error is not null) return InvalidEvents(error);
        var ack = await grains.GetGrain<ISessionGrain>(sessionId).Publish(caller.TenantId, caller.UserId, parsed!);
        return ack.Refused switch
        {
            null => PublishAnswer.Accepted(ack),
            PublishRefusal.SessionEnded => Refuse(HubRefusalCodes.SessionEnded, "The session is over; it takes no more events."),
            PublishRefusal.SessionUnknown => Refuse(HubRefusalCodes.NotVisible, NotVisibleMessage(sessionId)),
            _ => Refuse(HubRefusalCodes.NotOwner, NotOwnerMessage),
        };
    }

    /// <summary>
    /// Every update after <paramref name="afterSeq"/>, then <c>Caption</c> messages for each later one. A refusal
    /// comes back in the answer with a code, as Publish's do; an exception means a fault worth retrying.
    /// </summary>
    public async Task<WatchAnswer> Watch(string sessionId, long afterSeq)
    {
        if (afterSeq < 0) return WatchAnswer.Refused(new HubRefusal(HubRefusalCodes.InvalidAfterSeq, "afterSeq must be 0 or more."));
        var caller = Caller.From(Context.User!);
        var session = await sessions.FindAsync(sessionId);
        if (!IsVisible(session, caller) || !SessionAccess.CanView(caller, session))
            return WatchAnswer.Refused(new HubRefusal(HubRefusalCodes.NotVisible, NotVisibleMessage(sessionId)));
        var catchUp = await fanout.WatchAsync(Context, sessionId, afterSeq);
        return new WatchAnswer(catchUp.State.Wire(), catchUp.LastSeq, catchUp.Updates);
    }

    public Task Unwatch(string sessionId) => fanout.UnwatchAsync(Context.ConnectionId, sessionId);

    /// <summary>Counts the connection against its user's cap; over the cap it is closed (a negotiate is refused earlier with a 429).</summary>
    public override Task OnConnectedAsync()
    {
        var caller = Caller.From(Context.User!);
        if (connections.TryReserve(caller))
        {
            Context.Items[ReservationKey] = caller;
            return Task.CompletedTask;
        }

        LogConnectionRefused(logger, LogText.Escape(caller.TenantId), LogText.Escape(caller.UserId), connections.Max);
        Context.Abort();
        return Task.CompletedTask;
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        if (Context.Items.Remove(ReservationKey, out var reserved) && reserved is Caller caller) connections.Release(caller);
        if (Context.Items.Remove(typeof(PublishRate), out var rate)) (rate as PublishRate)?.Dispose();
        return fanout.DisconnectAsync(Context.ConnectionId);
    }

    private PublishRate RateOfConnection()
    {
        if (Context.Items.TryGetValue(typeof(PublishRate), out var existing) && existing is PublishRate rate) return rate;
        rate = new PublishRate(options.Value);
        Context.Items[typeof(PublishRate)] = rate;
        return rate;
    }

    // Another tenant's session and a missing one are refused alike, so ids cannot be probed.
    private static bool IsVisible([NotNullWhen(true)] SessionOwner? session, Caller caller) => session is not null && session.TenantId == caller.TenantId;

    private static string NotVisibleMessage(string sessionId) => $"No session '{Truncate(sessionId)}' is visible to this token.";

    private static PublishAnswer Refuse(string code, string message, int? retryAfterMs = null) =>
        PublishAnswer.Refused(new HubRefusal(code, message, retryAfterMs));

    private static PublishAnswer InvalidEvents(string problem) => Refuse(HubRefusalCodes.InvalidEvents, $"The events were refused: {problem}");

    private static string Truncate(string value) => value.Length <= 64 ? value : value[..64] + "…";

    [LoggerMessage(Level = LogLevel.Information, Message = "Publish to {SessionId} refused ({Code}): {Reason}")]
    private static partial void LogPublishRefused(ILogger logger, string? sessionId, string code, string? reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Caption connection of {Tenant}/{User} refused: {Max} already open on this node.")]
    private static partial void LogConnectionRefused(ILogger logger, string? tenant, string? user, int max);
}
