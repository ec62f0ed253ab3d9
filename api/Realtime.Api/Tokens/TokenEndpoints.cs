using Realtime.Api.Problems;
using Realtime.Api.Tenants;

namespace Realtime.Api.Tokens;

/// <summary>Maps POST /api/realtime-token and its alias /realtime-token (the seed guide's path; docs/design.md §Seed guide).</summary>
public static class TokenEndpoints
{
    public static IEndpointRouteBuilder MapTokenEndpoints(this IEndpointRouteBuilder endpoints)
    {
        foreach (var path in new[] { "/api/realtime-token", "/realtime-token" })
            endpoints.MapPost(path, (HttpContext http, TokenBroker broker) => broker.MintAsync(http))
                .RequireAuthorization()
                .RequireCors(TenantCors.PolicyName)
                .WithName(path.TrimStart('/').Replace('/', '-'))
                .WithSummary("Mints a short-lived OpenAI Realtime secret for the calling user.")
                .ProducesProblems(400, 401, 403, 413, 415, 429, 502, 503, 504);
        return endpoints;
    }
}
