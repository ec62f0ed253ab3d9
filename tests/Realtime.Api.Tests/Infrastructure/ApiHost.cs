using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Realtime.Api.Hosting;

namespace Realtime.Api.Tests.Infrastructure;

/// <summary>
/// The real api (Program's composition root) on Kestrel at 127.0.0.1 with a co-hosted silo on free ports,
/// its logs captured and every response recorded. Subclasses choose the configuration.
/// </summary>
public abstract class ApiHost : IAsyncLifetime
{
    public const string AdminKey = "test-admin-key-0123456789";

    private WebApplication? _app;
    private bool _stopped;

    public LogSink Logs { get; } = new();

    public ResponseRecorder Recorder { get; } = new();

    public HttpClient Client { get; private set; } = null!;

    public Uri BaseAddress { get; private set; } = null!;

    public IServiceProvider Services => _app!.Services;

    protected abstract string Environment { get; }

    protected abstract IEnumerable<KeyValuePair<string, string?>> Settings();

    public virtual async Task InitializeAsync()
    {
        _app = RealtimeApi.Build([], builder =>
        {
            builder.Environment.EnvironmentName = Environment;
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Configuration.AddInMemoryCollection(CommonSettings());
            builder.Configuration.AddInMemoryCollection(Settings()); // a later source wins
            builder.Logging.ClearProviders();
            builder.Logging.SetMinimumLevel(LogLevel.Debug);
            builder.Logging.AddProvider(Logs);
        });
        await _app.StartAsync();
        BaseAddress = new Uri(_app.Urls.First());
        Client = new HttpClient(Recorder) { BaseAddress = BaseAddress };
    }

    public virtual async Task DisposeAsync()
    {
        Client?.Dispose();
        if (_app is not null)
        {
            if (!_stopped) await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    /// <summary>
    /// Stops the node the way SIGTERM does: the console lifetime calls StopApplication, and the host's run loop,
    /// woken by ApplicationStopping, stops the host (web server first, the co-hosted silo last).
    /// </summary>
    public async Task TerminateAsync()
    {
        Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();
        _stopped = true;
        await _app!.StopAsync();
    }

    /// <summary>The co-hosted silo's port (another node can join it as its primary).</summary>
    public int SiloPort { get; } = FreePort.Next();

    private Dictionary<string, string?> CommonSettings() => new Dictionary<string, string?>
    {
        ["Orleans:SiloPort"] = SiloPort.ToString(CultureInfo.InvariantCulture),
        ["Orleans:GatewayPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
        ["Orleans:ClusterId"] = "test-" + Guid.NewGuid().ToString("N")[..8],
        ["Storage:Provider"] = "Memory",
        ["Admin:ApiKey"] = AdminKey,
        ["Logging:LogLevel:Default"] = "Debug",
        // Every test client is 127.0.0.1 and many publish flat out: the abuse limits are off unless a test turns them on.
        ["RateLimiting:Unauthenticated:PermitsPerMinute"] = "0",
        ["Captions:PublishPerSecond"] = "0",
        ["Captions:MaxConnectionsPerUser"] = "0",
    };

    /// <summary>Provisions a tenant through the admin API and returns its signing secret.</summary>
    public async Task<string> ProvisionTenantAsync(string tenantId, object? limits = null, string? openAIKey = null,
        string[]? allowedModels = null, bool suspended = false, string[]? allowedOrigins = null, string? issuer = null, string? audience = null, string? secret = null,
        object? transcription = null)
    {
        secret ??= $"secret-{tenantId}-{Guid.NewGuid():N}{Guid.NewGuid():N}";
        var body = new JsonObject
        {
            ["name"] = "Tenant " + tenantId,
            ["signing_secret"] = secret,
            ["suspended"] = suspended,
        };
        if (openAIKey is not null) body["openai_api_key"] = openAIKey;
        if (limits is not null) body["limits"] = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(limits));
        if (allowedModels is not null) body["allowed_models"] = new JsonArray(allowedModels.Select(m => (JsonNode)m).ToArray());
        if (allowedOrigins is not null) body["allowed_origins"] = new JsonArray(allowedOrigins.Select(o => (JsonNode)o).ToArray());
        if (issuer is not null) body["issuer"] = issuer;
        if (audience is not null) body["audience"] = audience;
        if (transcription is not null) body["transcription"] = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(transcription));
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/admin/tenants/{tenantId}") { Content = JsonContent.Create(body) };
        request.Headers.Add("X-Admin-Key", AdminKey);
        using var response = await Client.SendAsync(request);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return secret;
    }

    /// <summary>A body-less admin call (GET, DELETE) with the admin key.</summary>
    public async Task<HttpResponseMessage> AdminAsync(HttpMethod method, string path)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Add("X-Admin-Key", AdminKey);
        return await Client.SendAsync(request);
    }

    /// <summary>POST /api/realtime-token as the bearer of <paramref name="jwt"/>.</summary>
    public async Task<HttpResponseMessage> RequestTokenAsync(string jwt, object? body = null, string path = "/api/realtime-token")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", jwt);
        if (body is not null) request.Content = JsonContent.Create(body);
        return await Client.SendAsync(request);
    }
}
