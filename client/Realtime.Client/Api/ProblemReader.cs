using System.Net.Http.Headers;
using System.Text.Json;

namespace Realtime.Client.Api;

/// <summary>
/// Turns a failed answer into a <see cref="RealtimeApiException"/>: the api's problem+json or OpenAI's error object when
/// it sent one, else the status alone (a proxy's HTML page is not worth quoting).
/// </summary>
public static class ProblemReader
{
    /// <summary>Sends <paramref name="request"/>; a failed answer is disposed and thrown as the api's problem.</summary>
    public static async Task<HttpResponseMessage> SendAsync(HttpClient http, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await http.SendAsync(request, cancellationToken);
        if (response.IsSuccessStatusCode) return response;
        using (response) throw await ReadAsync(response, cancellationToken);
    }

    private static async Task<RealtimeApiException> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!IsJson(response.Content.Headers.ContentType)) return new RealtimeApiException(response.StatusCode, response.ReasonPhrase, null);
        try
        {
            using var problem = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), default, cancellationToken);
            var root = problem.RootElement;
            // OpenAI (and the emulator) answer { "error": { "message", "code", "param" } } rather than problem+json.
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error", out var error))
                return new RealtimeApiException(response.StatusCode, Text(error, "code") ?? response.ReasonPhrase, Text(error, "message"), Text(error, "param"));
            return new RealtimeApiException(response.StatusCode, Text(root, "title") ?? response.ReasonPhrase, Text(root, "detail"),
                Text(root, "param"), Text(root, "limit"));
        }
        catch (JsonException)
        {
            return new RealtimeApiException(response.StatusCode, response.ReasonPhrase, null);
        }
    }

    private static bool IsJson(MediaTypeHeaderValue? type) =>
        type?.MediaType is { } media && (media.EndsWith("/json", StringComparison.OrdinalIgnoreCase) || media.EndsWith("+json", StringComparison.OrdinalIgnoreCase));

    private static string? Text(JsonElement root, string name) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
