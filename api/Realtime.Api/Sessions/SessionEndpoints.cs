using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Realtime.Api.Auth;
using Realtime.Api.Captions;
using Realtime.Api.Http;
using Realtime.Api.Problems;
using Realtime.Api.Tenants;
using Realtime.Api.Transcripts;
using Realtime.Shared.Sessions;

namespace Realtime.Api.Sessions;

/// <summary>
/// /api/sessions/{id}: read, transcript, share (viewer token) and end. A session the caller may not see answers
/// 404 exactly like one that does not exist, so ids cannot be probed across users or tenants.
/// </summary>
public static class SessionEndpoints
{
    public static IEndpointRouteBuilder MapSessionEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var sessions = endpoints.MapGroup("/api/sessions/{id}").RequireAuthorization().RequireCors(TenantCors.PolicyName);
        sessions.MapGet("", GetAsync).WithSummary("A session's state, owner, times and counts.")
            .ProducesProblems(401, 404, 503);
        sessions.MapGet("/transcript", TranscriptAsync).WithSummary("The aggregated transcript: format=json|text|vtt|srt.")
            .AddOpenApiOperationTransformer(DescribeTextTranscripts)
            .ProducesProblems(400, 401, 404, 503);
        sessions.MapPost("/viewer-token", ViewerTokenAsync).WithSummary("Owner only: a token that can only watch this session (a share link).")
            .ProducesProblems(401, 403, 404, 503);
        sessions.MapPost("/end", EndAsync).WithSummary("Owner only: ends the session.")
            .ProducesProblems(401, 403, 404, 503);
        return endpoints;
    }

    private static async Task<Results<Ok<SessionView>, ProblemHttpResult>> GetAsync(string id, HttpContext http, SessionDirectory directory, IGrainFactory grains)
    {
        if (await VisibleAsync(id, http, directory) is not { } session) return NotVisible(id);
        var snapshot = await grains.GetGrain<ISessionGrain>(session.SessionId).GetSnapshot();
        return snapshot is null ? NotVisible(id) : TypedResults.Ok(SessionView.From(snapshot));
    }

    private static async Task<Results<Ok<TranscriptView>, ContentHttpResult, ProblemHttpResult>> TranscriptAsync(string id, string? format, HttpContext http, SessionDirectory directory, IGrainFactory grains)
    {
        format = (format ?? "json").ToLowerInvariant();
        if (!TranscriptFormat.Names.Contains(format))
            return Problem.BadRequest($"Unknown format '{format}'; use one of {string.Join(", ", TranscriptFormat.Names)}.", "format");
        if (await VisibleAsync(id, http, directory) is not { } session) return NotVisible(id);
        var transcript = await grains.GetGrain<ISessionGrain>(session.SessionId).GetTranscript();
        var cues = CueTimeline.Place(transcript);
        if (format == "json") return TypedResults.Ok(new TranscriptView(session.SessionId, transcript.Segments.Select(TranscriptSegmentView.From).ToList()));
        var text = format switch
        {
            "vtt" => TranscriptFormat.WebVtt(cues),
            "srt" => TranscriptFormat.Srt(cues),
            _ => TranscriptFormat.Text(cues),
        };
        return TypedResults.Text(text, TranscriptFormat.ContentType(format));
    }

    private static async Task<Results<Ok<ViewerTokenResponse>, ProblemHttpResult>> ViewerTokenAsync(string id, HttpContext http, SessionDirectory directory,
        TenantPolicyCache tenants, UserTokenIssuer issuer, TimeProvider clock, IOptions<CaptionOptions> options, PublicOrigin origin)
    {
        var caller = Caller.From(http.User);
        if (await VisibleAsync(id, http, directory) is not { } session) return NotVisible(id);
        if (!SessionAccess.IsOwner(caller, session)) return Problem.Forbidden("Only the session's owner can share it.");
        if (await tenants.GetAsync(caller.TenantId) is not { } tenant) return Problem.Unauthorized("The token's tenant does not exist.");
        var lifetime = TimeSpan.FromMinutes(Math.Max(1, options.Value.ViewerTokenLifetimeMinutes));
        var token = issuer.Issue(tenant, caller.UserId, lifetime, watch: session.SessionId);
        var watchUrl = $"{origin.Of(http.Request)}/watch/{session.SessionId}?token={Uri.EscapeDataString(token)}";
        return TypedResults.Ok(new ViewerTokenResponse(token, (clock.GetUtcNow() + lifetime).ToUnixTimeSeconds(), watchUrl));
    }

    private static async Task<Results<Ok<SessionView>, ProblemHttpResult>> EndAsync(string id, HttpContext http, SessionDirectory directory, IGrainFactory grains)
    {
        var caller = Caller.From(http.User);
        if (await VisibleAsync(id, http, directory) is not { } session) return NotVisible(id);
        if (!SessionAccess.IsOwner(caller, session)) return Problem.Forbidden("Only the session's owner can end it.");
        var snapshot = await grains.GetGrain<ISessionGrain>(session.SessionId).End();
        return snapshot is null ? NotVisible(id) : TypedResults.Ok(SessionView.From(snapshot));
    }

    /// <summary>
    /// The 200 of the transcript is JSON (<see cref="TranscriptView"/>) or, by format, plain text, WebVTT or SRT;
    /// one status can carry only one declared result type, so the text media types are added to the document here.
    /// </summary>
    private static Task DescribeTextTranscripts(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (operation.Responses?.GetValueOrDefault("200")?.Content is { } content)
            foreach (var format in TranscriptFormat.Names.Where(name => name != "json"))
                content[TranscriptFormat.ContentType(format).Split(';')[0]] = new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String } };
        return Task.CompletedTask;
    }

    private static async Task<SessionOwner?> VisibleAsync(string id, HttpContext http, SessionDirectory directory)
    {
        var session = await directory.FindAsync(id);
        return session is not null && SessionAccess.CanView(Caller.From(http.User), session) ? session : null;
    }

    private static ProblemHttpResult NotVisible(string id) => Problem.NotFound($"No session '{(id.Length > 64 ? id[..64] : id)}' is visible to this token.");
}
