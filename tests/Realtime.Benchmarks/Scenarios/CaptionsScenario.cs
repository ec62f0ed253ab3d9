using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.SignalR.Client;
using Realtime.Benchmarks.Captions;
using Realtime.Benchmarks.Grains;
using Realtime.Benchmarks.Load;

namespace Realtime.Benchmarks.Scenarios;

/// <summary>
/// The captions benchmark: a speaker on node A publishes a delta + completed per item at a steady rate; viewers split
/// over two api nodes (each co-hosting a silo of one cluster) receive the captions. In the same run, a plain
/// SignalR group broadcast of the same updates, no Orleans. 1, 100 and 1,000 viewers each. See README.md.
/// </summary>
public static class CaptionsScenario
{
    private static readonly int[] ViewerCounts = [1, 100, 1000];

    /// <summary>
    /// The tenant policy cache's default 5 s lifetime has a refresh window in which a JWT that already passed
    /// OnMessageReceived finds no signing key (TenantPolicyCache.Peek sees the pending reload) and is answered 401;
    /// a burst of 1,000 WebSocket connects hits it. The benchmark measures fan-out, so it keeps the policy for the run.
    /// Every node of one cluster is on that cluster's store (<see cref="ClusterStore"/>), whose key ring folder
    /// makes Data Protection warn that keys are stored unencrypted: true and beside the point for a throwaway
    /// store, so that warning is not printed.
    /// </summary>
    internal static Dictionary<string, string?> NodeSettings(ClusterStore store, string cluster) =>
        new(store.SettingsFor(cluster))
        {
            ["Tenancy:PolicyCacheSeconds"] = "3600",
            ["Logging:LogLevel:Microsoft.AspNetCore.DataProtection"] = "Error",
        };

    public static async Task<int> RunAsync(BenchmarkOptions options)
    {
        var tenant = BenchmarkTenant.Create();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        Console.WriteLine("Starting two api nodes (each co-hosting a silo of one cluster, one SQLite store) and the plain hub on 127.0.0.1 ...");
        using var store = new ClusterStore();
        var settings = NodeSettings(store, "cluster");
        await using var nodeA = await GrainServer.StartAsync(tenant, http, settings: settings);
        await using var nodeB = await GrainServer.StartAsync(tenant, http, join: nodeA, settings: settings);
        await using var plain = await PlainBroadcastServer.StartAsync();
        var duration = TimeSpan.FromSeconds(options.Seconds);
        Console.WriteLine($"speaker: {options.Rate} batches/s (delta + completed each) for {options.Seconds} s per round; " +
            $"viewers alternate node A / node B; {Environment.ProcessorCount} cores, server GC: {System.Runtime.GCSettings.IsServerGC}");

        // Warm-up (JIT, grain activation, fan-out registration), not measured.
        await OrleansRoundAsync(tenant, http, nodeA, nodeB, 10, options.Rate, TimeSpan.FromSeconds(3), "warm");
        await PlainRoundAsync(plain, 10, options.Rate, TimeSpan.FromSeconds(3), "warm");
        Console.WriteLine();
        CaptionTable.PrintHeader();
        var results = new List<CaptionRoundResult>();
        foreach (var viewers in ViewerCounts)
        {
            foreach (var result in new[]
            {
                await OrleansRoundAsync(tenant, http, nodeA, nodeB, viewers, options.Rate, duration, $"o{viewers}"),
                await PlainRoundAsync(plain, viewers, options.Rate, duration, $"p{viewers}"),
            })
            {
                results.Add(result);
                CaptionTable.PrintRow(result);
            }
        }
        Console.WriteLine();
        return CaptionTable.PrintVerdicts(results, ViewerCounts[^1]) ? 0 : 1;
    }

    /// <summary>
    /// One round on the api: the speaker mints a session and publishes on <paramref name="nodeA"/>; viewers alternate
    /// between node A and node B (pass the same node twice to put every viewer on one api process).
    /// </summary>
    internal static async Task<CaptionRoundResult> OrleansRoundAsync(BenchmarkTenant tenant, HttpClient http,
        GrainServer nodeA, GrainServer nodeB, int viewers, int rate, TimeSpan duration, string run, string path = "orleans")
    {
        var jwt = UserTokens.For(tenant, "speaker-" + run, 1, TimeSpan.FromHours(1))[0];
        var sessionId = await MintSessionAsync(http, nodeA.BaseAddress, jwt);
        var hubs = new[] { new Uri(nodeA.BaseAddress, "/hubs/captions"), new Uri(nodeB.BaseAddress, "/hubs/captions") };
        await using var pool = await ViewerPool.ConnectAsync(viewers, i => hubs[i % 2], jwt, HubRecords.InvocationOf("Watch", sessionId, 0L));
        await using var speaker = SpeakerConnection.Build(hubs[0], jwt);
        await speaker.StartAsync();
        return await MeasureAsync(path, pool, viewers, rate, duration,
            (i, stamp) => PublishAsync(speaker, sessionId, CaptionEvents.OpenAI(i, stamp)));
    }

    // A refusal is an answer, not an exception: a refused batch must not count as published.
    private static async Task PublishAsync(HubConnection speaker, string sessionId, JsonArray events)
    {
        var answer = await speaker.InvokeAsync<JsonElement>("Publish", sessionId, events);
        if (answer.GetProperty("refusal").ValueKind != JsonValueKind.Null)
            throw new InvalidOperationException($"Publish was refused: {answer.GetProperty("refusal")}");
    }

    private static async Task<CaptionRoundResult> PlainRoundAsync(PlainBroadcastServer plain, int viewers, int rate, TimeSpan duration, string run)
    {
        var group = "group-" + run;
        await using var pool = await ViewerPool.ConnectAsync(viewers, _ => plain.Hub, null, HubRecords.InvocationOf("Join", group));
        await using var speaker = SpeakerConnection.Build(plain.Hub, null);
        await speaker.StartAsync();
        return await MeasureAsync("plain", pool, viewers, rate, duration,
            (i, stamp) => speaker.InvokeAsync("Publish", group, CaptionEvents.Plain(group, i, stamp)));
    }

    private static async Task<CaptionRoundResult> MeasureAsync(string path, ViewerPool pool, int viewers, int rate, TimeSpan duration,
        Func<int, long, Task> publishAsync)
    {
        var start = Stopwatch.GetTimestamp();
        var publishMs = await SpeakerLoop.RunAsync(rate, duration, publishAsync);
        await pool.DrainAsync((long)publishMs.Count * CaptionEvents.UpdatesPerBatch);
        var last = pool.Recorders.Max(r => r.LastTimestamp);
        var elapsed = last > start ? Stopwatch.GetElapsedTime(start, last) : duration;
        return CaptionRoundResult.From(path, viewers, publishMs.Count, CaptionEvents.UpdatesPerBatch, pool.Recorders, elapsed, publishMs);
    }

    private static async Task<string> MintSessionAsync(HttpClient http, Uri node, string jwt)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(node, "/api/realtime-token"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", jwt);
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("session_id").GetString()!;
    }
}
