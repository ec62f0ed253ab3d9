using Microsoft.AspNetCore.Hosting;

namespace Realtime.Api.Hosting;

/// <summary>
/// The addresses Kestrel will listen on, read from configuration before it starts: <c>--urls</c> /
/// <c>ASPNETCORE_URLS</c>, <c>ASPNETCORE_HTTP_PORTS</c> / <c>HTTPS_PORTS</c> (every interface) and
/// <c>Kestrel:Endpoints:*:Url</c>; Kestrel's own default, <c>http://localhost:5000</c>, when none is set.
/// </summary>
public static class ListenAddresses
{
    public const string KestrelDefault = "http://localhost:5000";

    public static IReadOnlyList<ListenAddress> From(WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var urls = Split(builder.WebHost.GetSetting(WebHostDefaults.ServerUrlsKey))
            .Concat(Split(builder.WebHost.GetSetting(WebHostDefaults.HttpPortsKey)).Select(port => $"http://*:{port}"))
            .Concat(Split(builder.WebHost.GetSetting(WebHostDefaults.HttpsPortsKey)).Select(port => $"https://*:{port}"))
            .Concat(builder.Configuration.GetSection("Kestrel:Endpoints").GetChildren().Select(e => e["Url"]).OfType<string>())
            .ToList();
        if (urls.Count == 0) urls.Add(KestrelDefault);
        return urls.Select(ListenAddress.Parse).OfType<ListenAddress>().ToList();
    }

    private static string[] Split(string? value) =>
        (value ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
