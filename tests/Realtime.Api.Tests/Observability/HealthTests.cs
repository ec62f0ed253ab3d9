using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Realtime.Api.Tests.Infrastructure;
using Realtime.Shared.Health;

namespace Realtime.Api.Tests.Observability;

/// <summary>/healthz reports the cluster and a real storage round trip, as JSON, without authentication.</summary>
[Collection(ObservabilityCollection.Name)]
public sealed class HealthTests(StubbedApiHost host)
{
    [Fact]
    public async Task Healthz_reports_the_cluster_and_storage_checks()
    {
        using var response = await host.Client.GetAsync("/healthz");
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var json = JsonNode.Parse(body)!.AsObject();
        Assert.Equal("healthy", json["status"]!.GetValue<string>());
        var checks = json["checks"]!.AsObject();
        Assert.Equal("healthy", checks["cluster"]!["status"]!.GetValue<string>());
        Assert.Equal("healthy", checks["storage"]!["status"]!.GetValue<string>());
        Assert.Contains("storage", checks["storage"]!["description"]!.GetValue<string>());
    }

    [Fact]
    public async Task Each_storage_check_really_writes()
    {
        var probe = host.Services.GetRequiredService<IGrainFactory>().GetGrain<IStorageProbeGrain>(IStorageProbeGrain.Key);
        var before = await probe.Probe();

        (await host.Client.GetAsync("/healthz")).EnsureSuccessStatusCode();

        Assert.Equal(before + 2, await probe.Probe());
    }
}
