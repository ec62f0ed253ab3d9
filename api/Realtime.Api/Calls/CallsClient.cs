using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Realtime.Api.Upstream;

namespace Realtime.Api.Calls;

/// <summary>
/// Typed HttpClient for OpenAI's server-side call creation: <c>POST /v1/realtime/calls</c> with the platform key and a
/// multipart body (<c>sdp</c> + <c>session</c>). Every failure becomes an <see cref="UpstreamException"/> whose message
/// names the status only: OpenAI's error body is not echoed, so nothing it quotes (a key prefix) can leak.
/// </summary>
public sealed class CallsClient(HttpClient http, UpstreamEndpoint endpoint)
{
    /// <summary>An SDP answer is a few KiB; a larger one is not an answer, and is not buffered further.</summary>
    public const int MaxAnswerBytes = 64 * 1024;

    public async Task<CallAnswer> CreateAsync(string offer, JsonObject session, string apiKey, CancellationToken cancellationToken)
    {
        using var content = new MultipartFormDataContent
        {
            { new StringContent(offer, Encoding.UTF8, "application/sdp"), "sdp" },
            { new StringContent(session.ToJsonString(), Encoding.UTF8, "application/json"), "session" },
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint.ServerCallsUri) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        using var response = await SendAsync(request, cancellationToken);
        var status = (int)response.StatusCode;
        if (!response.IsSuccessStatusCode)
            throw new UpstreamException(status is 401 or 403 ? UpstreamFailure.CredentialsRefused : UpstreamFailure.Unavailable,
                $"OpenAI refused the offer ({status}).", status);

        var answer = await ReadCappedAsync(response, cancellationToken);
        var callId = response.Headers.Location?.OriginalString.TrimEnd('/').Split('/')[^1];
        if (answer is null || !answer.StartsWith("v=0", StringComparison.Ordinal) || callId is null || !callId.StartsWith("rtc_", StringComparison.Ordinal))
            throw new UpstreamException(UpstreamFailure.Unavailable, "OpenAI's answer was not an SDP answer with a call id (rtc_…) in its Location.", status);
        return new CallAnswer(answer, callId);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            return await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new UpstreamException(UpstreamFailure.TimedOut, $"OpenAI did not answer the offer within {http.Timeout.TotalSeconds:0} s.");
        }
        catch (HttpRequestException)
        {
            throw new UpstreamException(UpstreamFailure.Unavailable, "OpenAI could not be reached.");
        }
    }

    // Null when the answer is longer than MaxAnswerBytes or not UTF-8.
    private static async Task<string?> ReadCappedAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[MaxAnswerBytes + 1];
        var total = 0;
        int read;
        while (total < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(total), cancellationToken)) > 0) total += read;
        if (total > MaxAnswerBytes) return null;
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(buffer, 0, total);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }
}
