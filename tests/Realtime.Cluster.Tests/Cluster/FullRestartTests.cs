using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Realtime.Client.Publishing;
using Realtime.Cluster.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Realtime.Cluster.Tests.Cluster;

[Collection(ClusterCollection.Name)]
public sealed class FullRestartTests(ClusterFixture cluster, ITestOutputHelper output)
{
    private const int PerHour = 5;
    private const int SpentBefore = 3;

    [Fact]
    public async Task Tenants_spent_budgets_sessions_and_transcripts_survive_stopping_and_restarting_every_process()
    {
        // A tenant of its own whose hourly budget (not a sliding minute) is what the restart must remember.
        var tenantId = "durable-" + Guid.NewGuid().ToString("N")[..8];
        var signingSecret = "signing-secret-" + Guid.NewGuid().ToString("N");
        await ProvisionAsync(tenantId, signingSecret);
        var jwt = TenantJwt.Create(signingSecret, tenantId, "carol");
        for (var i = 1; i < SpentBefore; i++)
        {
            using var mint = await cluster.Apis[i % 2].MintAsync(jwt);
            await ApiNode.EnsureAsync(mint, HttpStatusCode.OK);
        }
        var sessionId = await cluster.Api1.StartSessionAsync(jwt); // the third secret
        await PublishAsync(sessionId, jwt, "The first final survives.", "So does the second.");

        var clock = Stopwatch.StartNew();
        await cluster.StopAllAsync();
        var stopped = clock.Elapsed;
        await cluster.StartAllAsync();
        output.WriteLine($"Stopped every process in {stopped.TotalSeconds:0.0} s; all back and healthy {(clock.Elapsed - stopped).TotalSeconds:0.0} s later.");

        // The tenant (through the other node than it was created on), with its secrets still masked.
        using (var tenant = await cluster.Api2.AdminAsync(HttpMethod.Get, $"/admin/tenants/{tenantId}"))
        {
            await ApiNode.EnsureAsync(tenant, HttpStatusCode.OK);
            Assert.Equal("Durable", JsonNode.Parse(await tenant.Content.ReadAsStringAsync())!["name"]!.GetValue<string>());
        }

        // The session and its transcript.
        using (var session = await cluster.Api2.GetAsync($"/api/sessions/{sessionId}", jwt))
        {
            await ApiNode.EnsureAsync(session, HttpStatusCode.OK);
            Assert.Equal("live", JsonNode.Parse(await session.Content.ReadAsStringAsync())!["state"]!.GetValue<string>());
        }
        using (var transcript = await cluster.Api1.GetAsync($"/api/sessions/{sessionId}/transcript?format=text", jwt))
        {
            await ApiNode.EnsureAsync(transcript, HttpStatusCode.OK);
            var text = await transcript.Content.ReadAsStringAsync();
            Assert.Contains("The first final survives.", text);
            Assert.Contains("So does the second.", text);
        }

        // The spent budget: 3 of 5 this hour before the restart, so exactly 2 more now.
        var outcomes = new List<HttpStatusCode>();
        for (var i = 0; i < PerHour - SpentBefore + 1; i++)
        {
            using var mint = await cluster.Apis[i % 2].MintAsync(jwt);
            outcomes.Add(mint.StatusCode);
        }
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], outcomes);
    }

    private async Task ProvisionAsync(string tenantId, string signingSecret)
    {
        using var put = await cluster.Api1.AdminAsync(HttpMethod.Put, $"/admin/tenants/{tenantId}", new JsonObject
        {
            ["name"] = "Durable",
            ["signing_secret"] = signingSecret,
            ["limits"] = new JsonObject { ["per_minute"] = 100, ["per_hour"] = PerHour, ["concurrent_sessions"] = 100, ["tenant_per_minute"] = 1000 },
        });
        await ApiNode.EnsureAsync(put, HttpStatusCode.OK);
    }

    private async Task PublishAsync(string sessionId, string jwt, params string[] finals)
    {
        await using var connection = await cluster.Api2.ConnectCaptionsAsync(jwt);
        await using var publisher = new CaptionPublisher(connection, sessionId);
        for (var i = 0; i < finals.Length; i++) publisher.Add(OpenAIEvents.UserCompleted($"item_{i}", finals[i]).AsElement());
        await publisher.FlushAsync().WaitAsync(TimeSpan.FromSeconds(20));
    }
}
