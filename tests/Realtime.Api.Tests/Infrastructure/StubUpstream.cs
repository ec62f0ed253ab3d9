using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Realtime.Api.Tests.Infrastructure;

/// <summary>
/// A scriptable stand-in for OpenAI's client_secrets endpoint on loopback: answers like OpenAI by default,
/// or with whatever status/delay a test sets, and records the Authorization header of every call.
/// </summary>
public sealed class StubUpstream : IAsyncDisposable
{
    private WebApplication? _app;

    public ConcurrentQueue<string> AuthorizationHeaders { get; } = new();

    public ConcurrentQueue<JsonObject> Bodies { get; } = new();

    /// <summary>The next answers: status, extra headers, body, delay (infinite: never answers). Null → a valid secret.</summary>
    public Func<(int Status, string Body, TimeSpan Delay, string? RetryAfter)?> Behaviour { get; set; } = () => null;

    /// <summary>Scripted answers wait for this first, so a test can make something happen while OpenAI is still answering.</summary>
    public Task Release { get; set; } = Task.CompletedTask;

    /// <summary>Each POST /v1/realtime/calls: its Authorization header, Content-Type, and multipart fields by name.</summary>
    public ConcurrentQueue<(string Authorization, string ContentType, Dictionary<string, string> Fields)> Calls { get; } = new();

    /// <summary>The next answer of /v1/realtime/calls: status and body. Null → 201, an SDP answer and a Location ending in rtc_stub_….</summary>
    public Func<(int Status, string Body)?> CallsBehaviour { get; set; } = () => null;

    public const string AnswerSdp = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=setup:active\r\n";

    public Uri BaseAddress { get; private set; } = null!;

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapPost("/v1/realtime/client_secrets", HandleAsync);
        _app.MapPost("/v1/realtime/calls", HandleCallAsync);
        await _app.StartAsync();
        BaseAddress = new Uri(_app.Urls.First());
    }

    private async Task HandleAsync(HttpContext http)
    {
        AuthorizationHeaders.Enqueue(http.Request.Headers.Authorization.ToString());
        if (await System.Text.Json.JsonSerializer.DeserializeAsync<JsonObject>(http.Request.Body) is { } body) Bodies.Enqueue(body);
        var scripted = Behaviour();
        if (scripted is { } s)
        {
            await Release.WaitAsync(http.RequestAborted);
            if (s.Delay != TimeSpan.Zero) await Task.Delay(s.Delay, http.RequestAborted);
            http.Response.StatusCode = s.Status;
            if (s.RetryAfter is not null) http.Response.Headers.RetryAfter = s.RetryAfter;
            http.Response.ContentType = "application/json";
            await http.Response.WriteAsync(s.Body);
            return;
        }
        var expiresAt = DateTimeOffset.UtcNow.AddMinutes(5).ToUnixTimeSeconds();
        await http.Response.WriteAsJsonAsync(new
        {
            value = "ek_stub_" + Guid.NewGuid().ToString("N"),
            expires_at = expiresAt,
            session = new { type = "realtime", @object = "realtime.session", id = "sess_stub", model = "gpt-realtime" },
        });
    }

    private async Task HandleCallAsync(HttpContext http)
    {
        var fields = new Dictionary<string, string>();
        if (http.Request.HasFormContentType)
            foreach (var (name, value) in await http.Request.ReadFormAsync()) fields[name] = value.ToString();
        Calls.Enqueue((http.Request.Headers.Authorization.ToString(), http.Request.ContentType ?? "", fields));
        if (CallsBehaviour() is { } scripted)
        {
            http.Response.StatusCode = scripted.Status;
            http.Response.ContentType = "application/json";
            await http.Response.WriteAsync(scripted.Body);
            return;
        }
        http.Response.StatusCode = StatusCodes.Status201Created;
        http.Response.Headers.Location = "/v1/realtime/calls/rtc_stub_" + Guid.NewGuid().ToString("N");
        http.Response.ContentType = "application/sdp";
        await http.Response.WriteAsync(AnswerSdp);
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
    }
}
