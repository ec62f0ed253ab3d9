using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace Realtime.Benchmarks.Load;

/// <summary>
/// Before any load: one request must answer 200 with every field the contract names. Retries for a while
/// (a co-hosted silo may still be starting), then fails with what the server said.
/// </summary>
public static class Readiness
{
    private static readonly string[] Fields = ["client_secret", "expires_at", "session_id", "model", "calls_url"];

    public static async Task EnsureAnswersAsync(string name, HttpClient http, Uri server, string token, TimeSpan patience)
    {
        var giveUpAt = DateTime.UtcNow + patience;
        while (true)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server, LoadRunner.Path));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await http.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode == HttpStatusCode.OK && HasAllFields(body)) return;
            if (DateTime.UtcNow > giveUpAt)
                throw new InvalidOperationException($"{name} at {server} is not answering POST {LoadRunner.Path} as expected: {(int)response.StatusCode} {body}");
            await Task.Delay(TimeSpan.FromSeconds(1));
        }
    }

    private static bool HasAllFields(string body) =>
        JsonNode.Parse(body) is JsonObject json && Fields.All(f => json[f] is not null);
}
