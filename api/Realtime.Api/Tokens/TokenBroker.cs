using Realtime.Api.Auth;
using Realtime.Api.Http;
using Realtime.Api.Observability;
using Realtime.Api.Problems;
using Realtime.Api.Sessions;
using Realtime.Api.Tenants;
using Realtime.Api.Upstream;
using Realtime.Shared.Grains;
using Realtime.Shared.Logging;
using Realtime.Shared.Tenants;
using Realtime.Shared.Users;

namespace Realtime.Api.Tokens;

/// <summary>
/// POST /api/realtime-token: checks the caller and body, takes a unit of the tenant's and the user's budgets,
/// and mints the secret upstream with the tenant's key (or the platform's). Any failure gives both units back.
/// Every answer is counted once: minted, or refused with its reason (<see cref="RealtimeMetrics"/>).
/// <para>
/// One grain call per mint that succeeds: the user grain's reservation spends the unit and issues the planned
/// session durably before upstream is asked (so the session is visible as issued as soon as the client has its
/// id; no session grain is activated until something uses it). A failed mint costs a second call, the release.
/// The session's expiry is planned the way upstream computes it, whole seconds from now, and moved in a second
/// call only when upstream's answer differs (a second boundary passed during the call).
/// </para>
/// </summary>
public sealed partial class TokenBroker(
    TenantPolicyCache tenants,
    TenantRateGate tenantGate,
    IGrainFactory grains,
    ClientSecretsClient upstream,
    UpstreamEndpoint endpoint,
    RealtimeMetrics metrics,
    TimeProvider clock,
    ILogger<TokenBroker> logger)
{
    private readonly StringKeyGrains<IUserGrain> _users = new(grains);

    public async Task<Results<Ok<TokenResponse>, ProblemHttpResult, EmptyHttpResult>> MintAsync(HttpContext http)
    {
        var caller = Caller.From(http.User);
        if (caller.IsWatchOnly) return Refused(RefusalReasons.WatchOnly, Problem.Forbidden("This token can only watch a session; it cannot mint secrets."));
        var tenant = (await tenants.GetAsync(caller.TenantId))?.Policy;
        if (tenant is null) return Refused(RefusalReasons.UnknownTenant, Problem.Unauthorized("The token's tenant does not exist."));
        if (tenant.Suspended) return Refused(RefusalReasons.Suspended, Problem.Forbidden("This tenant is suspended."));

        var (body, bodyError) = await JsonBody.ReadAsync(http.Request, http.RequestAborted);
        if (bodyError is not null) return Refused(RefusalReasons.BadRequest, bodyError);
        var (request, readRefusal) = TokenRequestReader.Read(body);
        if (readRefusal is not null) return Refused(RefusalReasons.BadRequest, readRefusal.ToProblem());
        var (session, sessionRefusal) = UpstreamSessionBuilder.Build(request!, tenant);
        if (sessionRefusal is not null)
            return Refused(sessionRefusal.Status == StatusCodes.Status403Forbidden ? RefusalReasons.ModelNotAllowed : RefusalReasons.BadRequest,
                sessionRefusal.ToProblem());

        var apiKey = tenant.OpenAIApiKey ?? endpoint.PlatformKey;
        if (string.IsNullOrEmpty(apiKey))
            return Refused(RefusalReasons.NoApiKey,
                Problem.Of(StatusCodes.Status503ServiceUnavailable, "No OpenAI API key is configured for this tenant or the platform."));
        return await MintWithinBudgetAsync(http, caller, tenant.Limits, session!, apiKey);
    }

    private async Task<Results<Ok<TokenResponse>, ProblemHttpResult, EmptyHttpResult>> MintWithinBudgetAsync(HttpContext http, Caller caller, TenantLimits limits, UpstreamSession session, string apiKey)
    {
        var (tenantGrant, tenantRetry) = await tenantGate.TryAcquireAsync(caller.TenantId, limits.TenantPerMinute);
        if (tenantGrant is not { } grant) return Refused(RefusalReasons.TenantPerMinute, TooManyRequests(http, LimitName.TenantPerMinute, tenantRetry));

        var user = _users.Get(UserKey.For(caller.TenantId, caller.UserId));
        var planned = new SessionGrant(SessionId.New(), session.Model, session.Type, PlannedExpiry(session.TtlSeconds));
        Reservation reservation;
        try
        {
            reservation = await user.Reserve(limits.ForUser(), planned);
        }
        catch
        {
            tenantGate.Return(grant);
            throw;
        }
        if (!reservation.Granted)
        {
            tenantGate.Return(grant);
            return Refused(RefusalReasons.ForLimit(reservation.RefusedBy!), TooManyRequests(http, reservation.RefusedBy!, reservation.RetryAfter));
        }

        var settled = false;
        try
        {
            var minted = await upstream.CreateAsync(session.Body, apiKey, http.RequestAborted);
            if (minted.ExpiresAt != planned.ExpiresAt) await user.MoveExpiry(planned, minted.ExpiresAt);
            settled = true;
            var sessionId = planned.SessionId;
            metrics.SecretMinted(session.Type);
            if (logger.IsEnabled(LogLevel.Information))
            {
                LogMinted(logger, session.Type, LogText.Escape(caller.TenantId), LogText.Escape(caller.UserId), sessionId,
                    LogText.Escape(session.Model), minted.ExpiresAt);
            }
            return TypedResults.Ok(new TokenResponse(minted.Value, minted.Value, minted.ExpiresAt.ToUnixTimeSeconds(), sessionId, session.Model,
                endpoint.CallsUrl(http.Request), minted.Session));
        }
        catch (UpstreamException e)
        {
            return Refused(UpstreamOutcome.RefusalReason(e.Failure), UpstreamProblem(http, e));
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            metrics.SecretRefused(RefusalReasons.ClientGone);
            return TypedResults.Empty; // The client left; nothing to answer.
        }
        finally
        {
            // Once upstream minted the secret (and the session has its expiry) the unit is spent for good.
            if (!settled) await GiveBackAsync(user, planned, reservation, grant);
        }
    }

    private ProblemHttpResult Refused(string reason, ProblemHttpResult answer)
    {
        metrics.SecretRefused(reason);
        return answer;
    }

    // Upstream answers expires_at in whole unix seconds from when it created the secret; plan the same.
    private DateTimeOffset PlannedExpiry(int ttlSeconds) =>
        DateTimeOffset.FromUnixTimeSeconds(clock.GetUtcNow().ToUnixTimeSeconds() + ttlSeconds);

    private async Task GiveBackAsync(IUserGrain user, SessionGrant planned, Reservation reservation, TenantGrant grant)
    {
        tenantGate.Return(grant);
        try
        {
            await user.Release(planned, reservation.ReservedAt);
        }
        catch (Exception e)
        {
            // The unit stays spent and the session issued (unused) until its planned expiry: on the safe side.
            LogReleaseFailed(logger, planned.SessionId, e.Message);
        }
    }

    private static ProblemHttpResult TooManyRequests(HttpContext http, string limit, TimeSpan retryAfter)
    {
        var seconds = (int)Math.Max(1, Math.Ceiling(retryAfter.TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Problem.Of(StatusCodes.Status429TooManyRequests, $"The {limit} limit is reached; retry in {seconds} s.",
            new Dictionary<string, object?> { ["limit"] = limit, ["retry_after"] = seconds });
    }

    private static ProblemHttpResult UpstreamProblem(HttpContext http, UpstreamException e)
    {
        var extensions = new Dictionary<string, object?> { ["upstream_status"] = e.UpstreamStatus };
        switch (e.Failure)
        {
            case UpstreamFailure.RateLimited:
                var seconds = (int)Math.Max(1, Math.Ceiling((e.RetryAfter ?? TimeSpan.FromSeconds(5)).TotalSeconds));
                http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return Problem.Of(StatusCodes.Status503ServiceUnavailable, $"{e.Message} Retry in {seconds} s.", extensions);
            case UpstreamFailure.RequestRefused:
                return Problem.Of(StatusCodes.Status400BadRequest, e.Message, extensions);
            case UpstreamFailure.TimedOut:
                return Problem.Of(StatusCodes.Status504GatewayTimeout, e.Message, extensions);
            default:
                return Problem.Of(StatusCodes.Status502BadGateway, e.Message, extensions);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Minted a {Type} secret for {Tenant}/{User}: session {SessionId}, model {Model}, expires {ExpiresAt:O}")]
    private static partial void LogMinted(ILogger logger, string type, string? tenant, string? user, string sessionId, string? model, DateTimeOffset expiresAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Releasing the reservation of session {SessionId} failed: {Error}")]
    private static partial void LogReleaseFailed(ILogger logger, string sessionId, string error);
}
