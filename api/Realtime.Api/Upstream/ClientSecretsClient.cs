using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Realtime.Api.Observability;

namespace Realtime.Api.Upstream;

/// <summary>
/// Typed HttpClient for <c>POST {OpenAI:BaseUrl}/v1/realtime/client_secrets</c> in the GA shape.
/// Turns every way the call can fail into an <see cref="UpstreamException"/> so the caller maps it once, and
/// times every call (<c>realtime.upstream.duration</c>) by how it ended.
/// </summary>
public sealed class ClientSecretsClient(HttpClient http, UpstreamEndpoint endpoint, RealtimeMetrics metrics, ILogger<ClientSecretsClient> logger)
{
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
        var text = await ReadAsync(response, cancellationToken);
        if (!response.IsSuccessStatusCode) throw Refusal(response, text, apiKey);
        return Parse(text);
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
            logger.LogWarning("OpenAI is unreachable at {Host}: {Error}", request.RequestUri?.Authority, e.Message);
            throw new UpstreamException(UpstreamFailure.Unavailable, "OpenAI could not be reached.");
        }
    }

    private async Task<string> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadAsStringAsync(cancellationToken);
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

    private UpstreamException Refusal(HttpResponseMessage response, string text, string apiKey)
    {
        var status = (int)response.StatusCode;
        var upstreamMessage = Scrub(ErrorMessageOf(text), apiKey);
        logger.LogWarning("OpenAI refused client_secrets with {Status}: {Message}", status, upstreamMessage);
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

    private static MintedSecret Parse(string text)
    {
        try
        {
            var root = JsonNode.Parse(text)?.AsObject();
            var value = root?["value"]?.GetValue<string>();
            var expiresAt = root?["expires_at"]?.GetValue<long>();
            if (root is null || string.IsNullOrEmpty(value) || expiresAt is null)
                throw new UpstreamException(UpstreamFailure.Unavailable, "OpenAI answered without a client secret.");
            var session = root["session"] as JsonObject ?? new JsonObject();
            return new MintedSecret(value, DateTimeOffset.FromUnixTimeSeconds(expiresAt.Value), session);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            throw new UpstreamException(UpstreamFailure.Unavailable, "OpenAI answered with something that is not a client secret.");
        }
    }

    private static string ErrorMessageOf(string text)
    {
        try
        {
            return JsonNode.Parse(text)?["error"]?["message"]?.GetValue<string>() ?? "no reason given";
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return "no reason given";
        }
    }

    // OpenAI's messages may quote part of the key ("Incorrect API key provided: sk-ab***cd"); never pass any of it on.
    private static string Scrub(string message, string apiKey)
    {
        var scrubbed = string.IsNullOrEmpty(apiKey) ? message : message.Replace(apiKey, "[redacted]", StringComparison.Ordinal);
        return System.Text.RegularExpressions.Regex.Replace(scrubbed, @"\b(sk|ek)[-_][A-Za-z0-9*_\-]+", "[redacted]");
    }

    private static TimeSpan RetryAfterOf(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta) return delta;
        if (header?.Date is { } date) return date - DateTimeOffset.UtcNow;
        return TimeSpan.FromSeconds(5);
    }
}
