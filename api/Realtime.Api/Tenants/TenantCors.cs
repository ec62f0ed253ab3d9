using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Realtime.Api.Auth;

namespace Realtime.Api.Tenants;

/// <summary>
/// CORS per tenant, through ASP.NET Core's CORS middleware. A route opts in with <see cref="PolicyName"/>; a
/// preflight carries no token, so it is answered for an origin that any tenant lists (this node's copy of the
/// tenant directory: no grain per unknown origin); the actual request, authenticated by then, is allowed only when
/// the token's own tenant lists the origin. Without listed origins a tenant's pages must be same-origin.
/// </summary>
public sealed class TenantCors(TenantDirectoryCache directory, TenantPolicyCache tenants, IOptions<CorsOptions> options) : ICorsPolicyProvider
{
    // Other named policies (the mounted emulator's, OpenAI's own CORS) are answered as ASP.NET Core would answer them.
    private readonly DefaultCorsPolicyProvider _named = new(options);

    public const string PolicyName = "tenant-origins";

    /// <summary>What the browser clients send: the bearer token, JSON bodies, and SignalR's own headers.</summary>
    public static readonly string[] AllowedHeaders = ["authorization", "content-type", "x-requested-with", "x-signalr-user-agent"];

    // No origin at all: the middleware then adds no CORS header, which is what a refusal looks like to a browser.
    private static readonly CorsPolicy Refused = new();

    public async Task<CorsPolicy?> GetPolicyAsync(HttpContext context, string? policyName)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (policyName != PolicyName) return await _named.GetPolicyAsync(context, policyName);
        var origin = context.Request.Headers.Origin.ToString();
        var allowed = IsPreflight(context.Request)
            ? await directory.AnyTenantAllowsAsync(origin)
            : context.User.Identity is CallerIdentity { Caller: var caller }
              && await tenants.GetAsync(caller.TenantId) is { } tenant && tenant.Policy.AllowsOrigin(origin);
        return allowed ? Allowing(origin) : Refused;
    }

    public static IServiceCollection AddTenantCors(IServiceCollection services)
    {
        services.AddCors();
        services.Replace(ServiceDescriptor.Singleton<ICorsPolicyProvider, TenantCors>());
        return services;
    }

    private static bool IsPreflight(HttpRequest request) =>
        HttpMethods.IsOptions(request.Method) && request.Headers.ContainsKey("Access-Control-Request-Method");

    // Credentials allowed: @microsoft/signalr sends its negotiate request with credentials by default. The api
    // authenticates by bearer token only, never by cookie, so this exposes nothing a listed page could not send.
    private static CorsPolicy Allowing(string origin) => new CorsPolicyBuilder()
        .WithOrigins(origin)
        .WithMethods("GET", "POST")
        .WithHeaders(AllowedHeaders)
        .WithExposedHeaders("Retry-After", "WWW-Authenticate")
        .AllowCredentials()
        .SetPreflightMaxAge(TimeSpan.FromMinutes(10))
        .Build();
}
