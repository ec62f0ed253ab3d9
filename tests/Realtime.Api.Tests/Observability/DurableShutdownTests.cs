using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Realtime.Api.Tests.Infrastructure;

namespace Realtime.Api.Tests.Observability;

/// <summary>
/// SIGTERM never loses an accepted final caption: a speaker publishes finals while its node is told to stop, on the
/// embedded Sqlite storage; the node is started again on the same file, and every final the hub acknowledged is in
/// the transcript. It holds because the session grain persists the finals before Publish answers, and the silo stops
/// only after the web server, so a Publish already inside the node still has its grain.
/// </summary>
[Collection(ObservabilityCollection.Name)]
public sealed class DurableShutdownTests : IDisposable
{
    private const string Tenant = "durable";
    private readonly string _directory = Directory.CreateTempSubdirectory("realtime-sigterm-").FullName;

    [Fact]
    public async Task Every_acknowledged_final_survives_a_sigterm_and_a_restart()
    {
        var signing = $"durable-signing-secret-{Guid.NewGuid():N}";
        var jwt = TestJwt.Create(signing, Tenant, "speaker");
        var acknowledged = new ConcurrentQueue<string>();
        string sessionId;

        var first = NewNode();
        await first.InitializeAsync();
        try
        {
            await ProvisionAsync(first, signing);
            sessionId = (await HttpAssert.OkAsync(await first.RequestTokenAsync(jwt)))["session_id"]!.GetValue<string>();
            await using var speaker = await CaptionClient.ConnectAsync(first, jwt);

            // Publish one final after another until the node goes away; stop it while that is going on.
            var publishing = Task.Run(async () =>
            {
                for (var i = 0; i < 2_000; i++)
                {
                    var text = $"final number {i}";
                    try
                    {
                        await speaker.PublishAsync(sessionId, OpenAIEvents.UserCompleted($"item_{i}", text));
                    }
                    catch (Exception)
                    {
                        return; // the node closed the connection: this one was never acknowledged
                    }
                    acknowledged.Enqueue(text);
                }
            });
            await Eventually.TrueAsync(() => acknowledged.Count >= 20 || publishing.IsCompleted, "20 acknowledged finals before the stop");
            await first.TerminateAsync();
            await publishing.WaitAsync(TimeSpan.FromSeconds(30));
        }
        finally
        {
            await first.DisposeAsync();
        }

        Assert.True(acknowledged.Count >= 20, $"only {acknowledged.Count} finals were acknowledged before the stop");
        var second = NewNode();
        await second.InitializeAsync();
        try
        {
            await ProvisionAsync(second, signing);
            var transcript = await HttpAssert.OkAsync(await SessionCalls.GetAsync(second, jwt, $"/api/sessions/{sessionId}/transcript?format=json"));
            var finals = transcript["segments"]!.AsArray()
                .Where(s => s!["kind"]!.GetValue<string>() == "final")
                .Select(s => s!["text"]!.GetValue<string>())
                .ToHashSet();
            var lost = acknowledged.Where(text => !finals.Contains(text)).ToList();
            Assert.True(lost.Count == 0, $"{lost.Count} of {acknowledged.Count} acknowledged finals were lost: {string.Join(", ", lost.Take(10))}");
        }
        finally
        {
            await second.DisposeAsync();
        }
    }

    // Production, so nothing depends on the dev tenant; the emulator stands in for OpenAI.
    private ConfiguredApiHost NewNode() => new("Production", new Dictionary<string, string?>
    {
        ["Storage:Provider"] = "Sqlite",
        ["ConnectionStrings:Sqlite"] = $"Data Source={Path.Combine(_directory, "realtime.db")}",
        ["Emulator:Enabled"] = "true",
    });

    // The same definition again after the restart (a PUT replaces it), so the test needs nothing else to survive.
    private static async Task ProvisionAsync(ApiHost node, string signing)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/admin/tenants/{Tenant}")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new JsonObject { ["name"] = "Durable", ["signing_secret"] = signing }),
        };
        request.Headers.Add("X-Admin-Key", ApiHost.AdminKey);
        await HttpAssert.OkAsync(await node.Client.SendAsync(request));
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open is left for the OS's temp cleanup.
        }
    }
}
