using System.Globalization;
using System.Text.Json.Nodes;
using Realtime.Api.Tests.Infrastructure;
using Realtime.Cli.Tests.Infrastructure;

namespace Realtime.Cli.Tests.Commands;

/// <summary>
/// <c>watch</c> outlives its api node: the node is stopped (SIGTERM's path) and started again on the same address and
/// Sqlite file, and the watch reconnects, watches again from its last seq, and prints what came after, once each.
/// </summary>
public sealed class WatchResumeTests : IDisposable
{
    private const string Tenant = "resume";
    private readonly string _directory = Directory.CreateTempSubdirectory("realtime-cli-resume-").FullName;
    private readonly int _port = FreePort.Next();

    [Fact]
    public async Task A_watch_resumes_after_its_node_restarts()
    {
        var signing = $"resume-signing-secret-{Guid.NewGuid():N}";
        var jwt = TestJwt.Create(signing, Tenant, "speaker", lifetime: TimeSpan.FromMinutes(10));
        var first = await StartNodeAsync(signing);
        CliProcess watch;
        string sessionId;
        try
        {
            sessionId = (await HttpAssert.OkAsync(await first.RequestTokenAsync(jwt)))["session_id"]!.GetValue<string>();
            watch = new CliProcess(CliRun.Start(first, CliRun.As(jwt), ["watch", sessionId, "--json"]));
            await watch.WaitForNoteAsync("watching " + sessionId);
            await PublishAsync(first, jwt, sessionId, "item_before", "Said before the restart.");
            await Eventually.TrueAsync(() => watch.Output.Any(line => line.Contains("Said before", StringComparison.Ordinal)),
                () => $"watch printed: {string.Join(" | ", watch.Output)}", TimeSpan.FromSeconds(30));
            await first.TerminateAsync();
        }
        finally
        {
            await first.DisposeAsync();
        }

        using (watch)
        {
            var second = await StartNodeAsync(signing);
            try
            {
                Assert.Equal(_port, second.BaseAddress.Port);
                await PublishAsync(second, jwt, sessionId, "item_after", "Said after the restart.");
                await HttpAssert.OkAsync(await SessionCalls.PostAsync(second, jwt, $"/api/sessions/{sessionId}/end"));
                var run = await watch.ExitAsync(TimeSpan.FromSeconds(90));

                CliAssert.Succeeded(run);
                var finals = CliAssert.Lines(run.Output).Select(line => JsonNode.Parse(line)!).ToList();
                Assert.Equal(["Said before the restart.", "Said after the restart."], finals.Select(c => c["text"]!.GetValue<string>()));
                Assert.True(finals[0]["seq"]!.GetValue<long>() < finals[1]["seq"]!.GetValue<long>());
            }
            finally
            {
                await second.DisposeAsync();
            }
        }
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

    /// <summary>A node on this test's fixed address and Sqlite file, with the tenant (re)provisioned.</summary>
    private async Task<ApiHost> StartNodeAsync(string signing)
    {
        var node = new ConfiguredApiHost("Production", new Dictionary<string, string?>
        {
            ["urls"] = $"http://127.0.0.1:{_port.ToString(CultureInfo.InvariantCulture)}",
            ["Storage:Provider"] = "Sqlite",
            ["ConnectionStrings:Sqlite"] = $"Data Source={Path.Combine(_directory, "realtime.db")}",
            ["Emulator:Enabled"] = "true",
        });
        await node.InitializeAsync();
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/admin/tenants/{Tenant}")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new JsonObject { ["name"] = "Resume", ["signing_secret"] = signing }),
        };
        request.Headers.Add("X-Admin-Key", ApiHost.AdminKey);
        await HttpAssert.OkAsync(await node.Client.SendAsync(request));
        return node;
    }

    private static async Task PublishAsync(ApiHost node, string jwt, string sessionId, string itemId, string text)
    {
        await using var speaker = await CaptionClient.ConnectAsync(node, jwt);
        await speaker.PublishAsync(sessionId, OpenAIEvents.UserCompleted(itemId, text));
    }
}
