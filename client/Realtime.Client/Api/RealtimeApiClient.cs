using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Realtime.Client.Api;

/// <summary>
/// A user's calls to the api's HTTP routes (mint, session, transcript, share link, end, server-side call), each
/// with a fresh bearer token from the factory so a long-running speaker can renew its JWT. Failures surface as
/// <see cref="RealtimeApiException"/> with the api's own sentence.
/// </summary>
public sealed class RealtimeApiClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly Uri _baseAddress;
    private readonly Func<CancellationToken, Task<string>> _token;

    public RealtimeApiClient(Uri baseAddress, Func<CancellationToken, Task<string>> token, HttpClient? http = null)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        ArgumentNullException.ThrowIfNull(token);
        (_baseAddress, _token, _ownsHttp) = (baseAddress, token, http is null);
        _http = http ?? new HttpClient();
    }

    public Uri BaseAddress => _baseAddress;

    /// <summary>POST /api/realtime-token: an ephemeral secret and a new session.</summary>
    public async Task<MintedSession> MintAsync(MintRequest? request, CancellationToken cancellationToken = default)
    {
        var content = request is null ? null : JsonContent.Create(request, options: ApiJson.Options);
        var answer = await SendJsonAsync(HttpMethod.Post, "api/realtime-token", content, cancellationToken);
        return ApiJson.Bind<MintedSession>(answer) with { Answer = answer };
    }

    public async Task<SessionView> GetSessionAsync(string sessionId, CancellationToken cancellationToken = default) =>
        ApiJson.Bind<SessionView>(await SendJsonAsync(HttpMethod.Get, SessionRoute(sessionId), null, cancellationToken));

    /// <summary>POST /api/sessions/{id}/end: frees the owner's slot and tells viewers the session ended.</summary>
    public async Task<SessionView> EndSessionAsync(string sessionId, CancellationToken cancellationToken = default) =>
        ApiJson.Bind<SessionView>(await SendJsonAsync(HttpMethod.Post, SessionRoute(sessionId, "/end"), null, cancellationToken));

    public async Task<ViewerLink> CreateViewerLinkAsync(string sessionId, CancellationToken cancellationToken = default) =>
        ApiJson.Bind<ViewerLink>(await SendJsonAsync(HttpMethod.Post, SessionRoute(sessionId, "/viewer-token"), null, cancellationToken));

    /// <summary>The transcript in <paramref name="format"/> (<c>json</c>, <c>text</c>, <c>vtt</c>, <c>srt</c>), as the api renders it.</summary>
    public async Task<string> GetTranscriptAsync(string sessionId, string format, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(HttpMethod.Get, SessionRoute(sessionId, "/transcript?format=" + Uri.EscapeDataString(format)), null, cancellationToken);
        return await response.Content.ReadAsStringAsync(cancellationToken);
    }

    /// <summary>POST /api/sessions/{id}/calls: the api opens the call with its own key and answers the SDP, so no secret is held here.</summary>
    public async Task<string> CreateCallAsync(string sessionId, string sdpOffer, CancellationToken cancellationToken = default)
    {
        var content = new StringContent(sdpOffer, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/sdp");
        using var response = await SendAsync(HttpMethod.Post, SessionRoute(sessionId, "/calls"), content, cancellationToken);
        return await response.Content.ReadAsStringAsync(cancellationToken);
    }

    public void Dispose()
    {
        if (_ownsHttp) _http.Dispose();
    }

    private static string SessionRoute(string sessionId, string rest = "")
    {
        ArgumentException.ThrowIfNullOrEmpty(sessionId);
        return "api/sessions/" + ApiAddress.Segment(sessionId) + rest;
    }

    private async Task<JsonElement> SendJsonAsync(HttpMethod method, string route, HttpContent? content, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(method, route, content, cancellationToken);
        return await ApiJson.ReadAsync(response, cancellationToken);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string route, HttpContent? content, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, ApiAddress.Of(_baseAddress, route)) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await _token(cancellationToken));
        return await ProblemReader.SendAsync(_http, request, cancellationToken);
    }
}
