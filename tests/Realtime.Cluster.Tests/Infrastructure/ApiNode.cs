using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Realtime.Client.Transport;

namespace Realtime.Cluster.Tests.Infrastructure;

/// <summary>
/// One api process in client mode (<c>dotnet Realtime.Api.dll --urls http://127.0.0.1:port</c>), Development
/// (the dev tenant and the built-in emulator), and the HTTP calls the tests make to it.
/// </summary>
public sealed class ApiNode(string name, ClusterIdentity cluster, string workDirectory) : IDisposable
{
    private ChildProcess? _process;

    public string Name => name;

    public int Port { get; } = FreePort.Next();

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}");

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(30) };

    public void Start()
    {
        _process?.Dispose();
        var environment = cluster.Environment();
        environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        environment["Orleans__Mode"] = "Client";
        environment["Orleans__GatewayListRefreshSeconds"] = "1";
        environment["Orleans__ConnectRetrySeconds"] = "1";
        environment["Admin__ApiKey"] = cluster.AdminKey;
        // A node re-subscribes to a session's grain this often: after a silo dies, within a second of the grain's return.
        environment["Captions__SubscriptionRefreshSeconds"] = "1";
        environment["Hosting__ShutdownTimeoutSeconds"] = "10";
        // Every test client is 127.0.0.1: the per-address and per-user abuse limits are off.
        environment["RateLimiting__Unauthenticated__PermitsPerMinute"] = "0";
        environment["Captions__PublishPerSecond"] = "0";
        environment["Captions__MaxConnectionsPerUser"] = "0";
        // The content root (appsettings.json) is the build output the dll sits in.
        var folder = Path.GetDirectoryName(BuildLayout.ApiDll)!;
        _process = ChildProcess.Start(name, DotNet.Host, [BuildLayout.ApiDll, "--urls", BaseAddress.ToString().TrimEnd('/')], environment, folder, workDirectory);
    }

    public void Kill() => _process?.Kill();

    public Task StopAsync() => _process?.StopAsync(TimeSpan.FromSeconds(20)) ?? Task.CompletedTask;

    public string Tail() => _process?.Tail() ?? $"--- {name}: not started ---";

    /// <summary>GET /healthz, or null while the node does not answer.</summary>
    public async Task<string?> HealthAsync()
    {
        try
        {
            using var response = await Http.GetAsync(new Uri(BaseAddress, "/healthz"));
            return response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadAsStringAsync() : null;
        }
        catch (HttpRequestException)
        {
            return null;
        }
        catch (TaskCanceledException)
        {
            return null;
        }
    }

    /// <summary>A dev-tenant user JWT from POST /dev/token (optionally a watch-only one).</summary>
    public async Task<string> DevTokenAsync(string user, string? watch = null)
    {
        var body = new JsonObject { ["user"] = user };
        if (watch is not null) body["watch"] = watch;
        using var response = await Http.PostAsJsonAsync(new Uri(BaseAddress, "/dev/token"), body);
        await EnsureAsync(response, HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["token"]!.GetValue<string>();
    }

    /// <summary>POST /api/realtime-token as the bearer of <paramref name="jwt"/>.</summary>
    public Task<HttpResponseMessage> MintAsync(string jwt) => SendAsync(HttpMethod.Post, "/api/realtime-token", jwt);

    /// <summary>Mints and answers the new session's id.</summary>
    public async Task<string> StartSessionAsync(string jwt)
    {
        using var response = await MintAsync(jwt);
        await EnsureAsync(response, HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["session_id"]!.GetValue<string>();
    }

    public Task<HttpResponseMessage> GetAsync(string path, string jwt) => SendAsync(HttpMethod.Get, path, jwt);

    public async Task<HttpResponseMessage> AdminAsync(HttpMethod method, string path, JsonObject? body = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(BaseAddress, path));
        request.Headers.Add("X-Admin-Key", cluster.AdminKey);
        if (body is not null) request.Content = JsonContent.Create(body);
        return await Http.SendAsync(request);
    }

    /// <summary>A SignalR connection to this node's caption hub, connected.</summary>
    public async Task<HubCaptionTransport> ConnectCaptionsAsync(string jwt)
    {
        var transport = new HubCaptionTransport(BaseAddress, () => Task.FromResult<string?>(jwt));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await transport.StartAsync(timeout.Token, TimeSpan.FromMilliseconds(200));
        return transport;
    }

    public static async Task EnsureAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        if (response.StatusCode != expected)
            Assert.Fail($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}, " +
                $"expected {(int)expected}: {await response.Content.ReadAsStringAsync()}");
    }

    public void Dispose()
    {
        Http.Dispose();
        _process?.Dispose();
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string jwt)
    {
        using var request = new HttpRequestMessage(method, new Uri(BaseAddress, path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", jwt);
        return await Http.SendAsync(request);
    }
}
