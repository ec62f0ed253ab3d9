using Realtime.Api.Auth;
using Realtime.Api.Problems;
using Realtime.Shared.Sessions;

namespace Realtime.Api.Sessions;

/// <summary>GET /api/sessions/{id}. A session the caller may not see answers 404, exactly like one that does not exist.</summary>
public static class SessionEndpoints
{
    public static IEndpointRouteBuilder MapSessionEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/sessions/{id}", GetAsync).RequireAuthorization().WithSummary("A session's state, owner, times and counts.");
        return endpoints;
    }

    private static async Task<IResult> GetAsync(string id, HttpContext http, IGrainFactory grains)
    {
        var session = SessionId.IsValid(id) ? await grains.GetGrain<ISessionGrain>(id).GetSnapshot() : null;
        if (session is null || !SessionAccess.CanView(Caller.From(http.User), session))
            return Problem.NotFound($"No session '{id}' is visible to this token.");
        return TypedResults.Ok(SessionView.From(session));
    }
}
