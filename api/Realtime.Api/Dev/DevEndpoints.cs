using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Realtime.Api.Auth;
using Realtime.Api.Http;
using Realtime.Api.Problems;
using Realtime.Api.Sessions;
using Realtime.Api.Tenants;

namespace Realtime.Api.Dev;

/// <summary>POST /dev/token: a user JWT for the dev tenant, so the product can be tried without a tenant backend.</summary>
public static partial class DevEndpoints
{
    public const string TokenPath = "/dev/token";

    public static IEndpointRouteBuilder MapDevEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(TokenPath, IssueAsync).WithSummary("Development only: a user JWT for the dev tenant.")
            .ProducesProblems(400, 413, 415, 503);
        return endpoints;
    }

    private static async Task<Results<Ok<DevTokenResponse>, ProblemHttpResult>> IssueAsync(HttpContext http, TenantPolicyCache tenants, UserTokenIssuer issuer, IOptions<DevOptions> options)
    {
        var (body, bodyError) = await JsonBody.ReadAsync(http.Request, http.RequestAborted);
        if (bodyError is not null) return bodyError;
        if (body is not JsonObject json) return Problem.BadRequest("The body must be a JSON object: { \"user\": \"alice\", \"watch\"?: \"ses_…\" }.");
        var fields = new JsonFields(json);
        fields.RefuseUnknown("user", "watch");
        var user = fields.String("user", 128, required: true);
        var watch = fields.String("watch", 64);
        if (fields.Error is { } refusal) return refusal.ToProblem();
        if (!UserPattern().IsMatch(user!)) return Problem.BadRequest("'user' must be 1–128 of letters, digits, '.', '_', '-', '@'.", "user");
        if (watch is not null && watch != "*" && !SessionId.IsValid(watch)) return Problem.BadRequest("'watch' must be a session id (ses_…) or '*'.", "watch");
        var tenant = await tenants.GetAsync(DevOptions.TenantId);
        if (tenant is null) return Problem.Of(StatusCodes.Status503ServiceUnavailable, "The dev tenant is not seeded yet; retry in a moment.");
        var token = issuer.Issue(tenant, user!, TimeSpan.FromMinutes(options.Value.TokenLifetimeMinutes), watch);
        return TypedResults.Ok(new DevTokenResponse(token));
    }

    // \z, not $: '$' also matches before a final newline.
    [GeneratedRegex(@"\A[A-Za-z0-9._@-]{1,128}\z")]
    private static partial Regex UserPattern();
}
