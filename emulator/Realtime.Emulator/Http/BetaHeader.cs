namespace Realtime.Emulator.Http;

/// <summary>
/// Spots the retired beta shape: OpenAI refuses a request carrying <c>OpenAI-Beta: realtime=v1</c>
/// (code <c>beta_api_shape_disabled</c>) since the beta endpoints were retired.
/// </summary>
internal static class BetaHeader
{
    public const string Name = "OpenAI-Beta";

    public static bool AsksForRealtimeBeta(HttpRequest request) =>
        request.Headers[Name]
            .SelectMany(value => (value ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .Any(token => string.Equals(token, "realtime=v1", StringComparison.OrdinalIgnoreCase));
}
