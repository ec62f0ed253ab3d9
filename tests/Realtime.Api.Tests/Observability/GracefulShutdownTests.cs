using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Realtime.Api.Tests.Infrastructure;

namespace Realtime.Api.Tests.Observability;

/// <summary>
/// A node stopping as on SIGTERM: it finishes the requests it has accepted (their grains are still there: the silo
/// stops last), and closes its SignalR connections at once so clients reconnect elsewhere instead of holding the
/// shutdown up until its timeout.
/// </summary>
[Collection(ObservabilityCollection.Name)]
public sealed class GracefulShutdownTests
{
    [Fact]
    public async Task An_in_flight_token_request_completes_while_the_node_stops()
    {
        await using var upstream = new StubUpstream();
        await upstream.StartAsync();
        var host = new ConfiguredApiHost("Production", new Dictionary<string, string?>
        {
            ["OpenAI:ApiKey"] = StubbedApiHost.PlatformKey,
            ["OpenAI:BaseUrl"] = upstream.BaseAddress.ToString(),
            ["OpenAI:TimeoutSeconds"] = "20",
        });
        await host.InitializeAsync();
        try
        {
            var secret = await host.ProvisionTenantAsync("stopping");
            var jwt = TestJwt.Create(secret, "stopping", "late-user");
            // OpenAI answers only once the node has been asked to stop, while the request waits on it.
            var expiresAt = DateTimeOffset.UtcNow.AddMinutes(5).ToUnixTimeSeconds();
            upstream.Behaviour = () => (200,
                $"{{\"value\":\"ek_slow_0123456789\",\"expires_at\":{expiresAt},\"session\":{{\"type\":\"realtime\",\"model\":\"gpt-realtime\"}}}}",
                TimeSpan.Zero, null);
            var answer = new TaskCompletionSource();
            upstream.Release = answer.Task;

            var request = host.RequestTokenAsync(jwt);
            await Eventually.TrueAsync(() => !upstream.AuthorizationHeaders.IsEmpty, "the request to reach OpenAI");
            var stopping = host.TerminateAsync(); // asks the host to stop before its first await
            answer.SetResult();

            // Minting commits the spend to the user's grain after OpenAI answers: that needs the silo still up.
            var minted = await HttpAssert.OkAsync(await request);
            Assert.Equal("ek_slow_0123456789", minted["client_secret"]!.GetValue<string>());
            await stopping;
        }
        finally
        {
            await host.DisposeAsync();
        }
    }

    [Fact]
    public async Task Stopping_closes_signalr_connections_at_once_so_clients_reconnect_elsewhere()
    {
        var host = new ConfiguredApiHost("Development", new Dictionary<string, string?> { ["Hosting:ShutdownTimeoutSeconds"] = "30" });
        await host.InitializeAsync();
        try
        {
            var (jwt, sessionId) = await SessionCalls.MintAsync(host);
            var viewer = await CaptionClient.ConnectAsync(host, jwt);
            await viewer.WatchAsync(sessionId);

            var clock = Stopwatch.StartNew();
            await host.TerminateAsync();

            // Far under the 30 s shutdown timeout: the open WebSocket did not keep the server waiting.
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"stopping took {clock.Elapsed}");
            await viewer.Closed.WaitAsync(TimeSpan.FromSeconds(5));
            await viewer.DisposeAsync();
        }
        finally
        {
            await host.DisposeAsync();
        }
    }

    [Fact]
    public async Task An_open_dashboard_log_stream_does_not_hold_the_stop_up()
    {
        var host = new ConfiguredApiHost("Development", new Dictionary<string, string?> { ["Hosting:ShutdownTimeoutSeconds"] = "30" });
        await host.InitializeAsync();
        try
        {
            // The dashboard's live log streams for an hour unless the node ends it.
            using var request = new HttpRequestMessage(HttpMethod.Get, "/dashboard/Trace");
            request.Headers.Add("X-Admin-Key", ApiHost.AdminKey);
            // Not host.Client: its recorder reads every body to the end.
            using var browser = new HttpClient { BaseAddress = host.BaseAddress };
            using var stream = await browser.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            Assert.Equal(HttpStatusCode.OK, stream.StatusCode);

            var clock = Stopwatch.StartNew();
            await host.TerminateAsync();

            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"stopping took {clock.Elapsed}");
        }
        finally
        {
            await host.DisposeAsync();
        }
    }

    [Fact]
    public async Task The_shutdown_timeout_is_30_s_unless_configured()
    {
        var configured = new ConfiguredApiHost("Development", new Dictionary<string, string?> { ["Hosting:ShutdownTimeoutSeconds"] = "7" });
        await configured.InitializeAsync();
        try
        {
            Assert.Equal(TimeSpan.FromSeconds(7), configured.Services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout);
        }
        finally
        {
            await configured.DisposeAsync();
        }
        var unset = new ConfiguredApiHost("Development", new Dictionary<string, string?>());
        await unset.InitializeAsync();
        try
        {
            Assert.Equal(TimeSpan.FromSeconds(30), unset.Services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout);
        }
        finally
        {
            await unset.DisposeAsync();
        }
    }
}
