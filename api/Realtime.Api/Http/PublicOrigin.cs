using Realtime.Silo.Hosting;

namespace Realtime.Api.Http;

/// <summary>
/// The origin the links this api hands out (<c>watch_url</c>, the emulator's <c>calls_url</c>) start with.
/// <c>PublicBaseUrl</c> when set, so a forged <c>Host</c> header can never steer a link elsewhere; otherwise the
/// request's own scheme and host, which ASP.NET Core's host filtering has checked against <c>AllowedHosts</c>
/// (set it to the api's public names when <c>PublicBaseUrl</c> is unset).
/// </summary>
public sealed class PublicOrigin
{
    public const string Key = "PublicBaseUrl";

    private readonly string? _configured;

    private PublicOrigin(string? configured) => _configured = configured;

    /// <summary>Reads <see cref="Key"/>; a value that is not an absolute http(s) URL stops startup.</summary>
    public static PublicOrigin From(IConfiguration config)
    {
        var value = config[Key];
        if (string.IsNullOrWhiteSpace(value)) return new PublicOrigin(null);
        if (!Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw new StartupRefusedException($"{Key} '{value}' is not an absolute http(s) URL, e.g. https://captions.example.com.");
        return new PublicOrigin(uri.GetLeftPart(UriPartial.Path).TrimEnd('/'));
    }

    /// <summary>The origin (and base path, if any) without a trailing slash.</summary>
    public string Of(HttpRequest request) => _configured ?? $"{request.Scheme}://{request.Host}";
}
