using System.Text.Json.Nodes;

namespace Realtime.Emulator.Calls;

/// <summary>
/// The <c>rate_limits</c> of a <c>rate_limits.updated</c> event, sent as OpenAI sends it at the start of each response:
/// requests and tokens, each with its limit, what remains and when the window resets.
/// </summary>
internal static class RateLimits
{
    private const int RequestLimit = 5_000;
    private const int TokenLimit = 400_000;

    public static JsonArray After(int responses, int tokensUsed) =>
    [
        Limit("requests", RequestLimit, RequestLimit - responses, 0.01 * responses),
        Limit("tokens", TokenLimit, Math.Max(0, TokenLimit - tokensUsed), 0.001 * tokensUsed),
    ];

    private static JsonObject Limit(string name, int limit, int remaining, double resetSeconds) => new()
    {
        ["name"] = name,
        ["limit"] = limit,
        ["remaining"] = remaining,
        ["reset_seconds"] = Math.Round(resetSeconds, 3),
    };
}
