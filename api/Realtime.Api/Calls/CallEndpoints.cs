using Realtime.Api.Auth;
using Realtime.Api.Http;
using Realtime.Api.Observability;
using Realtime.Api.Problems;
using Realtime.Api.Sessions;
using Realtime.Api.Tenants;
using Realtime.Api.Tokens;
using Realtime.Api.Upstream;
using Realtime.Shared.Logging;
using Realtime.Shared.Sessions;

namespace Realtime.Api.Calls;

/// <summary>
/// <c>POST /api/sessions/{id}/calls</c>: the owner's browser posts its SDP offer here and gets OpenAI's answer, so it
/// connects without ever holding a secret. The api posts the offer to OpenAI with the tenant's key and the session it
/// builds for a secret of the same model and type, and records the call (rtc_…) on the session.
/// </summary>
public static partial class CallEndpoints
{
    public static IEndpointRouteBuilder MapCallEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/sessions/{id}/calls", CreateAsync).RequireAuthorization().RequireCors(TenantCors.PolicyName)
            .WithSummary("Owner only: posts the SDP offer (application/sdp) to OpenAI and answers its SDP answer; the call id is recorded on the session.")
            .ProducesProblems(400, 401, 403, 404, 409, 413, 415, 502, 503);
        return endpoints;
    }

    private static async Task<IResult> CreateAsync(string id, HttpContext http, SessionDirectory directory, IGrainFactory grains,
        TenantPolicyCache tenants, UpstreamEndpoint endpoint, CallsClient calls, RealtimeMetrics metrics, ILoggerFactory logs)
    {
        var (prepared, refusal) = await PrepareAsync(id, http, directory, grains, tenants, endpoint);
        if (refusal is not null)
        {
            metrics.CallEnded(CallOutcomes.Refused);
            return refusal;
        }

        var (sessionId, session, apiKey, offer) = prepared!.Value;
        CallAnswer answer;
        try
        {
            answer = await calls.CreateAsync(offer, session, apiKey, http.RequestAborted);
        }
        catch (UpstreamException e)
        {
            metrics.CallEnded(CallOutcomes.UpstreamError);
            LogUpstreamFailure(logs.CreateLogger(typeof(CallEndpoints)), sessionId, LogText.Escape(e.Message));
            return Problem.Of(StatusCodes.Status502BadGateway, e.Message, new Dictionary<string, object?> { ["upstream_status"] = e.UpstreamStatus });
        }

        if (!await grains.GetGrain<ISessionGrain>(sessionId).RecordCall(answer.CallId))
        {
            metrics.CallEnded(CallOutcomes.Refused);
            return Problem.Of(StatusCodes.Status409Conflict, "The session ended while the call was being opened.");
        }

        metrics.CallEnded(CallOutcomes.Answered);
        http.Response.Headers.Location = $"/api/sessions/{sessionId}/calls/{answer.CallId}";
        return Results.Text(answer.Sdp, "application/sdp", statusCode: StatusCodes.Status201Created);
    }

    // Every check before anything goes upstream: visibility, ownership, session state, tenant, offer, session, key.
    private static async Task<((string SessionId, System.Text.Json.Nodes.JsonObject Session, string ApiKey, string Offer)? Prepared, IResult? Refusal)> PrepareAsync(
        string id, HttpContext http, SessionDirectory directory, IGrainFactory grains, TenantPolicyCache tenants, UpstreamEndpoint endpoint)
    {
        var caller = Caller.From(http.User);
        var owner = await directory.FindAsync(id);
        if (owner is null || !SessionAccess.CanView(caller, owner)) return (null, Problem.NotFound($"No session '{(id.Length > 64 ? id[..64] : id)}' is visible to this token."));
        if (!SessionAccess.IsOwner(caller, owner)) return (null, Problem.Forbidden("Only the session's owner can open a call for it."));
        var snapshot = await grains.GetGrain<ISessionGrain>(owner.SessionId).GetSnapshot();
        if (snapshot is null) return (null, Problem.NotFound($"No session '{owner.SessionId}' is visible to this token."));
        if (snapshot.State is SessionState.Ended or SessionState.Expired)
            return (null, Problem.Of(StatusCodes.Status409Conflict, $"The session is {snapshot.State.Wire()}; mint a new secret for a new session."));
        if ((await tenants.GetAsync(caller.TenantId))?.Policy is not { } tenant) return (null, Problem.Unauthorized("The token's tenant does not exist."));
        if (tenant.Suspended) return (null, Problem.Forbidden("This tenant is suspended."));

        var (offer, offerProblem) = await SdpOffer.ReadAsync(http.Request, http.RequestAborted);
        if (offerProblem is not null) return (null, offerProblem);
        var (built, buildRefusal) = UpstreamSessionBuilder.Build(new TokenRequest(snapshot.Type, snapshot.Model, TokenRequest.DefaultTtlSeconds, null, null), tenant);
        if (buildRefusal is not null) return (null, buildRefusal.ToProblem());
        var apiKey = tenant.OpenAIApiKey ?? endpoint.PlatformKey;
        if (string.IsNullOrEmpty(apiKey))
            return (null, Problem.Of(StatusCodes.Status503ServiceUnavailable, "No OpenAI API key is configured for this tenant or the platform."));
        return ((owner.SessionId, built!.Body["session"]!.AsObject(), apiKey, offer!), null);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Call for session {SessionId} failed upstream: {Reason}")]
    private static partial void LogUpstreamFailure(ILogger logger, string sessionId, string? reason);
}
