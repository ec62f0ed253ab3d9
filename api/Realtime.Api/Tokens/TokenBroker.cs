using Realtime.Api.Auth;
using Realtime.Api.Http;
using Realtime.Api.Observability;
using Realtime.Api.Problems;
using Realtime.Api.Sessions;
using Realtime.Api.Tenants;
using Realtime.Api.Upstream;
using Realtime.Shared.Grains;
using Realtime.Shared.Tenants;
using Realtime.Shared.Users;

namespace Realtime.Api.Tokens;

/// <summary>
/// POST /api/realtime-token: checks the caller and body, takes a unit of the tenant's and the user's budgets,
/// mints the secret upstream with the tenant's key (or the platform's), and commits the spend only when
/// upstream succeeded. Any failure gives both units back. Every answer is counted once: minted, or refused
/// with its reason (<see cref="RealtimeMetrics"/>).
/// <para>
/// Two grain calls per mint, both to the user's grain: the reservation, and the commit, which also issues the
/// session (its record is stored before the answer leaves, so the session is visible as issued as soon as the
/// client has its id; no session grain is activated until something uses it).
/// </para>
/// </summary>
public sealed class TokenBroker(
    TenantPolicyCache tenants,
    TenantRateGate tenantGate,
    IGrainFactory grains,
    ClientSecretsClient upstream,
    UpstreamEndpoint endpoint,
    RealtimeMetrics metrics,
    ILogger<TokenBroker> logger)
{
    private readonly StringKeyGrains<IUserGrain> _users = new(grains);

    public async Task<IResult> MintAsync(HttpContext http)
    {
        var caller = Caller.From(http.User);
        if (caller.IsWatchOnly) return Refused(RefusalReasons.WatchOnly, Problem.Forbidden("This token can only watch a session; it cannot mint secrets."));
        var tenant = (await tenants.GetAsync(caller.TenantId))?.Policy;
        if (tenant is null) return Refused(RefusalReasons.UnknownTenant, Problem.Unauthorized("The token's tenant does not exist."));
        if (tenant.Suspended) return Refused(RefusalReasons.Suspended, Problem.Forbidden("This tenant is suspended."));

        var (body, bodyError) = await JsonBody.ReadAsync(http.Request, http.RequestAborted);
        if (bodyError is not null) return Refused(RefusalReasons.BadRequest, bodyError);
        var (request, readError) = TokenRequestReader.Read(body);
        if (readError is { } error) return Refused(RefusalReasons.BadRequest, Problem.BadRequest(error.Detail, error.Param));
        var (session, status, detail, param) = UpstreamSessionBuilder.Build(request!, tenant);
        if (session is null)
            return Refused(status == StatusCodes.Status403Forbidden ? RefusalReasons.ModelNotAllowed : RefusalReasons.BadRequest,
                Problem.Of(status, detail!, new Dictionary<string, object?> { ["param"] = param }));

        var apiKey = tenant.OpenAIApiKey ?? endpoint.PlatformKey;
        if (string.IsNullOrEmpty(apiKey))
            return Refused(RefusalReasons.NoApiKey,
                Problem.Of(StatusCodes.Status503ServiceUnavailable, "No OpenAI API key is configured for this tenant or the platform."));
        return await MintWithinBudgetAsync(http, caller, tenant.Limits, session, apiKey);
    }

    private async Task<IResult> MintWithinBudgetAsync(HttpContext http, Caller caller, TenantLimits limits, UpstreamSession session, string apiKey)
    {
        var (tenantGrant, tenantRetry) = await tenantGate.TryAcquireAsync(caller.TenantId, limits.TenantPerMinute);
        if (tenantGrant is not { } grant) return Refused(RefusalReasons.TenantPerMinute, TooManyRequests(http, LimitName.TenantPerMinute, tenantRetry));

        var user = _users.Get(UserKey.For(caller.TenantId, caller.UserId));
        Reservation reservation;
        try
        {
            reservation = await user.Reserve(limits.ForUser());
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

        Task? commit = null;
        try
        {
            var minted = await upstream.CreateAsync(session.Body, apiKey, http.RequestAborted);
            var sessionId = SessionId.New();
            commit = user.Commit(reservation.Id, new SessionGrant(sessionId, session.Model, session.Type, minted.ExpiresAt));
            await commit;
            metrics.SecretMinted(session.Type);
            if (logger.IsEnabled(LogLevel.Information))
            {
                logger.LogInformation("Minted a {Type} secret for {Tenant}/{User}: session {SessionId}, model {Model}, expires {ExpiresAt:O}",
                    session.Type, caller.TenantId, caller.UserId, sessionId, session.Model, minted.ExpiresAt);
            }
            return TypedResults.Ok(new TokenResponse(minted.Value, minted.ExpiresAt.ToUnixTimeSeconds(), sessionId, session.Model, endpoint.CallsUrl(http.Request)));
        }
        catch (UpstreamException e)
        {
            return Refused(UpstreamOutcome.RefusalReason(e.Failure), UpstreamProblem(http, e));
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            return Refused(RefusalReasons.ClientGone, Results.Empty); // The client left; nothing to answer.
        }
        finally
        {
            // Once the commit went through the unit is spent and the session issued.
            if (commit is not { IsCompletedSuccessfully: true }) await GiveBackAsync(user, reservation.Id, grant);
        }
    }

    private IResult Refused(string reason, IResult answer)
    {
        metrics.SecretRefused(reason);
        return answer;
    }

    private async Task GiveBackAsync(IUserGrain user, Guid reservationId, TenantGrant grant)
    {
        tenantGate.Return(grant);
        try
        {
            await user.Release(reservationId);
        }
        catch (Exception e)
        {
            // The user grain drops reservations that are never settled after two minutes.
            logger.LogWarning("Releasing reservation {Reservation} failed: {Error}", reservationId, e.Message);
        }
    }

    private static IResult TooManyRequests(HttpContext http, string limit, TimeSpan retryAfter)
    {
        var seconds = (int)Math.Max(1, Math.Ceiling(retryAfter.TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Problem.Of(StatusCodes.Status429TooManyRequests, $"The {limit} limit is reached; retry in {seconds} s.",
            new Dictionary<string, object?> { ["limit"] = limit, ["retry_after"] = seconds });
    }

    private static IResult UpstreamProblem(HttpContext http, UpstreamException e)
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
}
