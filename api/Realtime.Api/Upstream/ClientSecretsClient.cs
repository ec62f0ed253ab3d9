using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Realtime.Api.Observability;
using Realtime.Http;

namespace Realtime.Api.Upstream;

/// <summary>
/// Typed HttpClient for <c>POST {OpenAI:BaseUrl}/v1/realtime/client_secrets</c> in the GA shape.
/// Turns every way the call can fail into an <see cref="UpstreamException"/> so the caller maps it once, and
/// times every call (<c>realtime.upstream.duration</c>) by how it ended. Upstream's answer is not trusted either:
/// it is read up to a size cap and strictly, its expiry must be a plausible instant, and its Retry-After is clamped.
/// </summary>
public sealed partial class ClientSecretsClient(
    HttpClient http, UpstreamEndpoint endpoint, RealtimeMetrics metrics, TimeProvider clock, ILogger<ClientSecretsClient> logger)
{
    /// <summary>A client secret is well under 1 KiB; a larger answer is not one, and is not buffered further.</summary>
    public const int MaxAnswerBytes = 256 * 1024;

    /// <summary>GA's longest secret (<c>expires_after.seconds</c> ≤ 7200) plus five minutes of clock skew.</summary>
    public static readonly TimeSpan MaxSecretLifetime = TimeSpan.FromSeconds(7200 + 300);

    /// <summary>The bounds put on upstream's Retry-After, so a client is never told to wait 0 s or for days.</summary>
    public static readonly TimeSpan MinRetryAfter = TimeSpan.FromSeconds(1);

    public static readonly TimeSpan MaxRetryAfter = TimeSpan.FromHours(1);

    private static readonly TimeSpan DefaultRetryAfter = TimeSpan.FromSeconds(5);

    public async Task<MintedSecret> CreateAsync(JsonObject body, string apiKey, CancellationToken cancellationToken)
    {
        var start = metrics.Start();
        try
        {
            var minted = await CallAsync(body, apiKey, cancellationToken);
            metrics.UpstreamCall(start, UpstreamOutcome.Ok);
            return minted;
        }
        catch (UpstreamException e)
        {
            metrics.UpstreamCall(start, UpstreamOutcome.Of(e.Failure));
            throw;
        }
        catch (OperationCanceledException)
        {
            metrics.UpstreamCall(start, UpstreamOutcome.Cancelled);
            throw;
        }
    }

    private async Task<MintedSecret> CallAsync(JsonObject body, string apiKey, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint.ClientSecretsUri)
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        using var response = await SendAsync(request, cancellationToken);
        var answer = await ReadAsync(response, cancellationToken);
        if (!response.IsSuccessStatusCode) throw Refusal(response, answer, apiKey);
        return Parse(answer);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            return await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // HttpClient.Timeout elapsed (the caller did not cancel).
            throw new UpstreamException(UpstreamFailure.TimedOut, $"OpenAI did not answer within {http.Timeout.TotalSeconds:0} s.");
        }
        catch (HttpRequestException e)
        {
            LogUnreachable(logger, request.RequestUri?.Authority, e.Message);
            throw new UpstreamException(UpstreamFailure.Unavailable, "OpenAI could not be reached.");
        }
    }

    /// <summary>The answer as JSON, or null when it is not JSON (a proxy's HTML page, say). Over the cap → 502.</summary>
    private async Task<JsonNode?> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentLength > MaxAnswerBytes) throw TooLarge(response);
        try
        {
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            var (tooLarge, answer) = await CappedBody.ReadAsync(body, MaxAnswerBytes, JsonOrNull, cancellationToken);
            return tooLarge ? throw TooLarge(response) : answer;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new UpstreamException(UpstreamFailure.TimedOut, $"OpenAI did not finish answering within {http.Timeout.TotalSeconds:0} s.");
        }
        catch (HttpRequestException)
        {
            throw new UpstreamException(UpstreamFailure.Unavailable, "OpenAI's answer was cut off.", (int)response.StatusCode);
        }
    }

    private static JsonNode? JsonOrNull(ReadOnlySpan<byte> bytes)
    {
        try
        {
            return StrictJson.ParseNode(bytes);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static UpstreamException TooLarge(HttpResponseMessage response) => new(
        UpstreamFailure.Unavailable, $"OpenAI's answer is larger than {MaxAnswerBytes / 1024} KiB; it is not a client secret.", (int)response.StatusCode);

    private UpstreamException Refusal(HttpResponseMessage response, JsonNode? answer, string apiKey)
    {
        var status = (int)response.StatusCode;
        var upstreamMessage = Scrub(ErrorMessageOf(answer), apiKey);
        LogRefused(logger, status, upstreamMessage);
        return response.StatusCode switch
        {
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => new UpstreamException(
                UpstreamFailure.CredentialsRefused,
                $"OpenAI refused the server's OpenAI credentials (upstream status {status}).", status),
            HttpStatusCode.TooManyRequests => new UpstreamException(
                UpstreamFailure.RateLimited, "OpenAI is rate-limiting this account.", status, RetryAfterOf(response)),
            _ when status is >= 400 and < 500 => new UpstreamException(
                UpstreamFailure.RequestRefused, $"OpenAI refused the session: {upstreamMessage}", status),
            _ => new UpstreamException(UpstreamFailure.Unavailable, $"OpenAI failed with status {status}.", status),
        };
    }

    private MintedSecret Parse(JsonNode? answer)
    {
        if (answer is not JsonObject root || StringOf(root["value"]) is not { Length: > 0 } value)
            throw new UpstreamException(UpstreamFailure.Unavailable, "OpenAI answered with something that is not a client secret.");
        var session = root["session"] as JsonObject ?? new JsonObject();
        return new MintedSecret(value, ExpiryOf(root["expires_at"]), session);
    }

    /// <summary>
    /// <c>expires_at</c> as an instant, refused unless it is a whole number of unix seconds within the next
    /// <see cref="MaxSecretLifetime"/>: a secret already expired, or one said to live for years, is not one to hand out.
    /// </summary>
    private DateTimeOffset ExpiryOf(JsonNode? expiresAt)
    {
        if (expiresAt is not JsonValue number || number.GetValueKind() != JsonValueKind.Number || !number.TryGetValue<long>(out var seconds))
            throw new UpstreamException(UpstreamFailure.Unavailable, "OpenAI answered with an expires_at that is not a whole number of unix seconds.");
        var now = clock.GetUtcNow();
        var latest = now + MaxSecretLifetime;
        if (seconds > latest.ToUnixTimeSeconds())
            throw new UpstreamException(UpstreamFailure.Unavailable,
                $"OpenAI answered with an expires_at ({seconds}) more than {MaxSecretLifetime.TotalSeconds:0} s ahead; the secret's lifetime cannot be trusted.");
        if (seconds <= now.ToUnixTimeSeconds())
            throw new UpstreamException(UpstreamFailure.Unavailable, $"OpenAI answered with an expires_at ({seconds}) that has already passed.");
        return DateTimeOffset.FromUnixTimeSeconds(seconds);
    }

    private static string ErrorMessageOf(JsonNode? answer) => StringOf(answer?["error"]?["message"]) ?? "no reason given";

    // Only a string counts; the strict read already guarantees it decodes.
    private static string? StringOf(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    // OpenAI's messages may quote part of the key ("Incorrect API key provided: sk-ab***cd"), in any case; never pass any of it on.
    private static string Scrub(string message, string apiKey)
    {
        var scrubbed = string.IsNullOrEmpty(apiKey) ? message : message.Replace(apiKey, "[redacted]", StringComparison.OrdinalIgnoreCase);
        return KeyLike().Replace(scrubbed, "[redacted]");
    }

    [GeneratedRegex(@"\b(sk|ek)[-_][A-Za-z0-9*_\-]+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex KeyLike();

    /// <summary>Retry-After as upstream sent it (seconds or an HTTP date), clamped to 1 s…1 h; 5 s when absent.</summary>
    private TimeSpan RetryAfterOf(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        var wait = header?.Delta ?? (header?.Date is { } date ? date - clock.GetUtcNow() : DefaultRetryAfter);
        return wait < MinRetryAfter ? MinRetryAfter : wait > MaxRetryAfter ? MaxRetryAfter : wait;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "OpenAI is unreachable at {Host}: {Error}")]
    private static partial void LogUnreachable(ILogger logger, string? host, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "OpenAI refused client_secrets with {Status}: {Message}")]
    private static partial void LogRefused(ILogger logger, int status, string? message);
}
