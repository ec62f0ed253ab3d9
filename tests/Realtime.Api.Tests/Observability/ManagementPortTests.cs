using System.Globalization;
using System.Net;
using Realtime.Api.Tests.Infrastructure;
using Realtime.Api.Tests.RateLimiting;

namespace Realtime.Api.Tests.Observability;

/// <summary>Metrics:Port serves /metrics on a management port only: the public port answers 404, and the management port serves nothing else.</summary>
[Collection(ObservabilityCollection.Name)]
public sealed class ManagementPortTests
{
    [Fact]
    public async Task Metrics_are_served_on_the_management_port_only()
    {
        var port = FreePort.Next();
        await UnauthenticatedRateLimitTests.WithHostAsync("Production", new() { ["Metrics:Port"] = port.ToString(CultureInfo.InvariantCulture) }, async host =>
        {
            using var management = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

            using var scrape = await management.GetAsync("/metrics");
            Assert.Equal(HttpStatusCode.OK, scrape.StatusCode);
            Assert.Contains("# TYPE", await scrape.Content.ReadAsStringAsync());
            Assert.Equal(HttpStatusCode.NotFound, (await host.Client.GetAsync("/metrics")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await management.GetAsync("/healthz")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await host.Client.GetAsync("/healthz")).StatusCode);

            // The Host header is the client's word: naming the management port on the public one changes nothing.
            using var forged = new HttpRequestMessage(HttpMethod.Get, "/metrics");
            forged.Headers.Host = $"127.0.0.1:{port}";
            Assert.Equal(HttpStatusCode.NotFound, (await host.Client.SendAsync(forged)).StatusCode);
        });
    }
}
