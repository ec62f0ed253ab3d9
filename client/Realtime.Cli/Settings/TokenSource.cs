using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Realtime.Cli.Hosting;
using Realtime.Client.Api;

namespace Realtime.Cli.Settings;

/// <summary>
/// The user JWT each request carries: the one given, or, when none is, one from a development api's
/// <c>/dev/token</c> (asked once), so the tool works on day one against <c>dotnet run</c> with no tenant backend.
/// </summary>
internal sealed class TokenSource(CliSettings settings, HttpClient http)
{
    private string? _token = settings.Token;

    public async Task<string> GetAsync(CancellationToken cancellationToken) => _token ??= await FromDevApiAsync(cancellationToken);

    private async Task<string> FromDevApiAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, ApiAddress.Of(settings.Api, "dev/token"))
        {
            Content = JsonContent.Create(new { user = settings.User }),
        };
        try
        {
            using var response = await ProblemReader.SendAsync(http, request, cancellationToken);
            var answer = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
            return answer.TryGetProperty("token", out var token) && token.GetString() is { Length: > 0 } jwt
                ? jwt
                : throw new JsonException("The development api's /dev/token answered no token.");
        }
        catch (RealtimeApiException refused) when (refused.Status is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed)
        {
            throw new UsageException($"no user token: pass --token or set {GlobalOptions.TokenVariable} (only a development api hands one out itself).");
        }
    }
}
