using Realtime.Api.Auth;
using Realtime.Api.Problems;

namespace Realtime.Api.Captions;

/// <summary>
/// Refuses a caption hub negotiate with 429 problem+json when its user already holds
/// <see cref="CaptionOptions.MaxConnectionsPerUser"/> connections on this node, so the client learns why;
/// <see cref="CaptionHub.OnConnectedAsync"/> enforces the cap exactly.
/// </summary>
public static class UserConnectionCapCheck
{
    public static IApplicationBuilder UseUserConnectionCap(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        if (!context.Request.Path.StartsWithSegments(CaptionHub.Path + "/negotiate") || context.User.Identity?.IsAuthenticated != true)
            return next(context);
        var cap = context.RequestServices.GetRequiredService<UserConnectionCap>();
        if (cap.HasRoom(Caller.From(context.User))) return next(context);
        return ProblemWriter.WriteAsync(context, StatusCodes.Status429TooManyRequests,
            $"This user already holds {cap.Max} caption connections on this node, the most allowed; close one first.");
    });
}
