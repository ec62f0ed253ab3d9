using Realtime.Benchmarks.Grains;
using Realtime.Benchmarks.Load;
using Realtime.Benchmarks.Report;

namespace Realtime.Benchmarks.Scenarios;

/// <summary>
/// The scale-out figure: POST /api/realtime-token on one api node (co-hosted silo, its own cluster) against
/// two api nodes whose co-hosted silos form one cluster (node B joins node A), the clients split half and half
/// over the two nodes; all in this process, same run: <c>--rounds</c> paired rounds (<see cref="PairedRounds"/>),
/// the verdict the median of the rounds' ratios.
/// </summary>
public static class ClusterScenario
{
    public static async Task<int> RunAsync(BenchmarkOptions options)
    {
        var tenant = BenchmarkTenant.Create();
        using var http = LoadClient.Create(options.Clients);
        string[] Users(string group) => UserTokens.For(tenant, group, options.Clients, TimeSpan.FromHours(1));

        Console.WriteLine("Starting one api node (single) and two api nodes forming one cluster, on 127.0.0.1 ...");
        await using var single = await GrainServer.StartAsync(tenant, http);
        await using var nodeA = await GrainServer.StartAsync(tenant, http);
        await using var nodeB = await GrainServer.StartAsync(tenant, http, join: nodeA);
        foreach (var server in new[] { single, nodeA, nodeB })
            await Readiness.EnsureAnswersAsync("api", http, server.BaseAddress, Users("probe")[0], TimeSpan.FromSeconds(60));

        var runner = new LoadRunner(http);
        Console.WriteLine($"{options.Clients} clients (one user each; on the cluster half per node); JIT warm-up {options.JitWarmupSeconds} s per setup; " +
            $"then per run {options.WarmupSeconds} s warm-up + {options.Seconds} s measured; " +
            $"{Environment.ProcessorCount} cores, server GC: {System.Runtime.GCSettings.IsServerGC}");

        Task<LoadResult> SingleAsync(string[] users, int seconds) =>
            runner.RunAsync(single.BaseAddress, users, TimeSpan.FromSeconds(seconds), BenchmarkOptions.MaxRequestsPerRun);

        async Task<LoadResult> ClusterAsync(string[] users, int seconds)
        {
            var half = users.Length / 2;
            var runs = await Task.WhenAll(
                runner.RunAsync(nodeA.BaseAddress, users[..half], TimeSpan.FromSeconds(seconds), BenchmarkOptions.MaxRequestsPerRun / 2),
                runner.RunAsync(nodeB.BaseAddress, users[half..], TimeSpan.FromSeconds(seconds), BenchmarkOptions.MaxRequestsPerRun / 2));
            return LoadResult.Concurrent(runs);
        }

        await SingleAsync(Users("jit1"), options.JitWarmupSeconds);
        await ClusterAsync(Users("jit2"), options.JitWarmupSeconds);
        Console.WriteLine();

        async Task<LoadResult> MeasureAsync(Func<string[], int, Task<LoadResult>> run, string group)
        {
            var users = Users(group);
            await run(users, options.WarmupSeconds);
            return await run(users, options.Seconds);
        }

        var pass = await PairedRounds.RunAsync(options.Rounds,
            new PairedRounds.Side("single", run => MeasureAsync(SingleAsync, run)),
            new PairedRounds.Side("cluster", run => MeasureAsync(ClusterAsync, run)),
            BenchmarkOptions.ClusterTargetRatio);
        return pass ? 0 : 1;
    }
}
