using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;
using Realtime.Silo.Hosting;

namespace Realtime.Api.Hosting;

/// <summary>
/// Behind a reverse proxy: <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> are believed only from the proxies
/// listed in <c>ForwardedHeaders:KnownProxies</c> (IPs) and <c>ForwardedHeaders:KnownNetworks</c> (CIDR), so the
/// client address that rate limits are keyed by cannot be forged by a client. None listed: nobody is believed
/// (not even loopback, which ASP.NET Core trusts by default): the middleware is left out, since with both lists
/// empty it would believe every sender. <c>X-Forwarded-Host</c> is never read: links use <c>PublicBaseUrl</c>.
/// </summary>
public static class ForwardedHeadersHosting
{
    public const string Section = "ForwardedHeaders";

    /// <summary>The two arrays of the section: proxies' IPs and networks in CIDR form.</summary>
    public static IReadOnlyList<string> Lists { get; } = ["KnownProxies", "KnownNetworks"];

    public static IServiceCollection AddKnownProxies(this IServiceCollection services, IConfiguration config)
    {
        var proxies = config.GetSection($"{Section}:{Lists[0]}").Get<string[]>() ?? [];
        var networks = config.GetSection($"{Section}:{Lists[1]}").Get<string[]>() ?? [];
        var parsedProxies = proxies.Select(ParseProxy).ToList();
        var parsedNetworks = networks.Select(ParseNetwork).ToList();
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
#pragma warning disable ASPDEPR005 // the obsolete list still holds 127.0.0.0/8 by default and is still consulted
            o.KnownNetworks.Clear();
#pragma warning restore ASPDEPR005
            foreach (var proxy in parsedProxies) o.KnownProxies.Add(proxy);
            foreach (var network in parsedNetworks) o.KnownIPNetworks.Add(network);
        });
        return services;
    }

    /// <summary>Reads the forwarded headers, first in the pipeline, when a proxy or network is configured.</summary>
    public static IApplicationBuilder UseKnownProxies(this IApplicationBuilder app)
    {
        var options = app.ApplicationServices.GetRequiredService<IOptions<ForwardedHeadersOptions>>().Value;
        return options.KnownProxies.Count + options.KnownIPNetworks.Count == 0 ? app : app.UseForwardedHeaders();
    }

    private static IPAddress ParseProxy(string value) => IPAddress.TryParse(value.Trim(), out var address)
        ? address
        : throw new StartupRefusedException($"{Section}:KnownProxies '{value}' is not an IP address.");

    private static System.Net.IPNetwork ParseNetwork(string value) => System.Net.IPNetwork.TryParse(value.Trim(), out var network)
        ? network
        : throw new StartupRefusedException($"{Section}:KnownNetworks '{value}' is not a network in CIDR form (e.g. 10.0.0.0/8).");
}
