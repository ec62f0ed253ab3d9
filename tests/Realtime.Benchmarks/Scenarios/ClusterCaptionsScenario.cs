using System.Globalization;
using Realtime.Benchmarks.Captions;
using Realtime.Benchmarks.Grains;
using Realtime.Benchmarks.Load;

namespace Realtime.Benchmarks.Scenarios;

/// <summary>
/// The cluster fan-out figure: the captions round of <see cref="CaptionsScenario"/> with the same viewer count on one
/// api node (co-hosted silo, its own cluster, every viewer on it) and on two api nodes whose silos form one cluster
/// (speaker on node A, viewers alternating A / B); same run: single → cluster → single, the single rounds averaged.
/// </summary>
public static class ClusterCaptionsScenario
{
    public static async Task<int> RunAsync(BenchmarkOptions options)
    {
        var tenant = BenchmarkTenant.Create();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        Console.WriteLine("Starting one api node (single) and two api nodes forming one cluster, on 127.0.0.1 ...");
        using var store = new ClusterStore();
        await using var single = await GrainServer.StartAsync(tenant, http, settings: CaptionsScenario.NodeSettings(store, "single"));
        var clusterSettings = CaptionsScenario.NodeSettings(store, "cluster");
        await using var nodeA = await GrainServer.StartAsync(tenant, http, settings: clusterSettings);
        await using var nodeB = await GrainServer.StartAsync(tenant, http, join: nodeA, settings: clusterSettings);
        // One token request per node first, so each node has the tenant policy cached before a burst of viewer
        // connects: TenantPolicyCache's first load is not shared between concurrent misses, and a request whose own
        // load completed can find the entry replaced by another request's load still in flight (no previous tenant
        // to fall back on), answering some of a node's first 50 concurrent WebSocket connects 401.
        var probe = UserTokens.For(tenant, "probe", 1, TimeSpan.FromHours(1))[0];
        foreach (var server in new[] { single, nodeA, nodeB })
            await Readiness.EnsureAnswersAsync("api", http, server.BaseAddress, probe, TimeSpan.FromSeconds(60));
        var duration = TimeSpan.FromSeconds(options.Seconds);
        Console.WriteLine($"{options.Viewers} viewers per round (single: all on its node; cluster: alternating node A / node B, speaker on A); " +
            $"speaker: {options.Rate} batches/s (delta + completed each); JIT warm-up {options.JitWarmupSeconds} s per setup; " +
            $"then per round {options.WarmupSeconds} s warm-up round + {options.Seconds} s measured; " +
            $"{Environment.ProcessorCount} cores, server GC: {System.Runtime.GCSettings.IsServerGC}");

        Task<CaptionRoundResult> SingleAsync(TimeSpan time, string run, string path) =>
            CaptionsScenario.OrleansRoundAsync(tenant, http, single, single, options.Viewers, options.Rate, time, run, path);
        Task<CaptionRoundResult> ClusterAsync(TimeSpan time, string run, string path) =>
            CaptionsScenario.OrleansRoundAsync(tenant, http, nodeA, nodeB, options.Viewers, options.Rate, time, run, path);

        // Each round has its own session and fresh connections; an unmeasured round of the same shape goes first
        // (JIT, grain activation, fan-out registration on that setup).
        async Task<CaptionRoundResult> MeasureAsync(Func<TimeSpan, string, string, Task<CaptionRoundResult>> round, string run, string path)
        {
            if (options.WarmupSeconds > 0) await round(TimeSpan.FromSeconds(options.WarmupSeconds), run + "-warm", "warm");
            var result = await round(duration, run, path);
            CaptionTable.PrintRow(result);
            return result;
        }

        // JIT warm-up (as in the cluster token scenario): without it the first measured round, whichever setup it is,
        // pays for tiered compilation in its p99.
        if (options.JitWarmupSeconds > 0)
        {
            await SingleAsync(TimeSpan.FromSeconds(options.JitWarmupSeconds), "jit1", "jit");
            await ClusterAsync(TimeSpan.FromSeconds(options.JitWarmupSeconds), "jit2", "jit");
        }

        Console.WriteLine();
        CaptionTable.PrintHeader();
        var single1 = await MeasureAsync(SingleAsync, "single1", "single 1");
        var cluster = await MeasureAsync(ClusterAsync, "cluster", "cluster");
        var single2 = await MeasureAsync(SingleAsync, "single2", "single 2");
        var singleMean = CaptionRoundResult.Combine("single", [single1, single2]);
        CaptionTable.PrintRow(singleMean);
        Console.WriteLine();

        var ratio = cluster.UpdatesPerSecond / singleMean.UpdatesPerSecond;
        var pass = ratio >= BenchmarkOptions.ClusterTargetRatio;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"ratio cluster/single delivered updates/s at {options.Viewers} viewers: {ratio:F2} (target >= {BenchmarkOptions.ClusterTargetRatio:F1}) {(pass ? "PASS" : "BELOW")}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"p99 cluster: {cluster.P99:F2} ms, single: {singleMean.P99:F2} ms (p50 cluster: {cluster.P50:F2} ms, single: {singleMean.P50:F2} ms)"));
        var complete = cluster.Delivered == cluster.Expected && singleMean.Delivered == singleMean.Expected;
        if (!complete) Console.WriteLine("not every update reached every viewer (see delivered vs expected)");
        return pass && complete ? 0 : 1;
    }
}
