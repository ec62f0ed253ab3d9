using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Options;
using Realtime.Api.Problems;
using Realtime.Api.Tenants;

namespace Realtime.Api.Dashboard;

/// <summary>
/// Guards every /dashboard endpoint with the operator's admin key: in the <c>X-Admin-Key</c> header (scripts), or as
/// the password of HTTP Basic authentication (browsers: the 401 carries a Basic challenge, the browser asks once and
/// then sends the key with the page's own API calls). No key ever travels in a URL, and no session state is kept.
/// The comparison is <see cref="AdminKeyFilter.IsAdminKey"/>'s. It also refuses the dashboard's grain-state
/// inspector, and ends a streaming dashboard request when the node stops so it cannot hold up a graceful shutdown.
/// </summary>
public sealed class DashboardKeyFilter(IOptionsMonitor<AdminOptions> options, IHostApplicationLifetime lifetime) : IEndpointFilter
{
    private const string Challenge = "Basic realm=\"Orleans Dashboard\", charset=\"UTF-8\"";

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var expected = options.CurrentValue.ApiKey;
        if (string.IsNullOrEmpty(expected))
            return Answer(Problem.Forbidden("The dashboard is disabled: no Admin:ApiKey is configured."));
        var given = KeyOf(http.Request);
        if (given is null || !AdminKeyFilter.IsAdminKey(given, expected))
        {
            http.Response.Headers.WWWAuthenticate = Challenge;
            return Answer(Problem.Unauthorized(given is null
                ? $"The dashboard needs the admin key: the {AdminKeyFilter.Header} header, or HTTP Basic authentication with the key as password."
                : "That is not the admin key."));
        }
        if (IsGrainStateInspector(http))
            // It calls every parameterless method of the grain it is pointed at: that would end a session
            // (ISessionGrain.End) or decrypt a tenant's keys (ITenantGrain.GetPolicy) for display.
            return Answer(Problem.Forbidden("Grain state inspection is disabled on this deployment: it calls grain methods that change state or reveal secrets."));

        // Log streaming runs for an hour: end it (and any other slow answer) when the node is stopping.
        var stopping = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, lifetime.ApplicationStopping);
        http.Response.RegisterForDispose(stopping);
        http.RequestAborted = stopping.Token;
        return next(context);
    }

    private static string? KeyOf(HttpRequest request)
    {
        var header = request.Headers[AdminKeyFilter.Header].ToString();
        if (header.Length > 0) return header;
        if (!AuthenticationHeaderValue.TryParse(request.Headers.Authorization.ToString(), out var authorization)
            || !string.Equals(authorization.Scheme, "Basic", StringComparison.OrdinalIgnoreCase)
            || authorization.Parameter is not { Length: > 0 } encoded)
            return null;
        try
        {
            // user:password — the user name is not checked; the password is the key.
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(encoded));
            var colon = decoded.IndexOf(':');
            var key = colon < 0 ? decoded : decoded[(colon + 1)..];
            return key.Length > 0 ? key : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static bool IsGrainStateInspector(HttpContext http) =>
        http.GetEndpoint() is RouteEndpoint endpoint
        && endpoint.RoutePattern.RawText?.EndsWith("/GrainState", StringComparison.OrdinalIgnoreCase) == true;

    private static ValueTask<object?> Answer(IResult result) => ValueTask.FromResult<object?>(result);
}
