using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Realtime.Api.Dev;
using Realtime.Api.Problems;
using Realtime.Api.Upstream;

namespace Realtime.Api.RateLimiting;

/// <summary>
/// ASP.NET Core's rate limiter on what costs us work before anyone is known: requests whose authentication failed
/// (or that need it and bring none), <c>/dev/token</c>, and hub negotiates and connects without a valid token.
/// Partitioned by client address (after forwarded headers); a request with a valid token is never counted, so
/// authenticated traffic from one address (a tenant's backend, a benchmark) is not slowed. Refusals are 429
/// problem+json with <c>Retry-After</c>.
/// </summary>
public static class UnauthenticatedRateLimit
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The rate limiter, run only for requests without a valid token (after authentication): authenticated
    /// traffic does not even pass through it.
    /// </summary>
    public static IApplicationBuilder UseUnauthenticatedRateLimit(this IApplicationBuilder app) =>
        app.UseWhen(context => context.User.Identity?.IsAuthenticated != true, unauthenticated => unauthenticated.UseRateLimiter());

    public static IServiceCollection AddUnauthenticatedRateLimit(this IServiceCollection services, IConfiguration config)
    {
        services.Configure<UnauthenticatedRateLimitOptions>(config.GetSection(UnauthenticatedRateLimitOptions.Section));
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<UnauthenticatedRateLimitOptions>>((limiter, options) =>
        {
            var permits = options.Value.PermitsPerMinute;
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                permits > 0 && Counts(context)
                    ? RateLimitPartition.GetFixedWindowLimiter(ClientAddress(context), _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = permits,
                        Window = Window,
                        QueueLimit = 0,
                    })
                    : RateLimitPartition.GetNoLimiter(""));
            limiter.OnRejected = (rejected, _) => new ValueTask(RefuseAsync(rejected.HttpContext, rejected.Lease, permits));
        });
        return services;
    }

    /// <summary>True for a request this limit counts: see the type's summary.</summary>
    public static bool Counts(HttpContext context)
    {
        if (context.User.Identity?.IsAuthenticated == true) return false;
        var request = context.Request;
        // The emulator's OpenAI routes carry OpenAI keys, never a JWT; the emulator is a development stand-in.
        if (request.Path.StartsWithSegments(UpstreamEndpoint.RealtimeRoutePrefix)) return false;
        if (request.Path.StartsWithSegments(DevEndpoints.TokenPath) || request.Path.StartsWithSegments("/hubs")) return true;
        if (request.Headers.Authorization.Count > 0) return true;
        var endpoint = context.GetEndpoint();
        return endpoint?.Metadata.GetMetadata<IAuthorizeData>() is not null && endpoint.Metadata.GetMetadata<IAllowAnonymous>() is null;
    }

    private static string ClientAddress(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private static Task RefuseAsync(HttpContext context, RateLimitLease lease, int permits)
    {
        var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : Window;
        context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return ProblemWriter.WriteAsync(context, StatusCodes.Status429TooManyRequests,
            $"Too many unauthenticated requests from this address (at most {permits} a minute); retry later, with a valid token.");
    }
}
