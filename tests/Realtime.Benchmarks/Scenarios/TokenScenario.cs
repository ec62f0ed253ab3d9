using Realtime.Benchmarks.Baseline;
using Realtime.Benchmarks.Grains;
using Realtime.Benchmarks.Load;
using Realtime.Benchmarks.Report;

namespace Realtime.Benchmarks.Scenarios;

/// <summary>
/// POST /api/realtime-token under the same closed-loop load, on two servers in this process (127.0.0.1 only):
/// a JIT warm-up of each, then <c>--rounds</c> rounds of both (<see cref="PairedRounds"/>), each run after its own
/// warm-up and with its own users; the verdict is the median of the rounds' ratios. See README.md.
/// </summary>
public static class TokenScenario
{
    public static async Task<int> RunAsync(BenchmarkOptions options)
    {
        var tenant = BenchmarkTenant.Create();
        using var http = LoadClient.Create(options.Clients);
        string[] Users(string group) => UserTokens.For(tenant, group, options.Clients, TimeSpan.FromHours(1));

        Console.WriteLine("Starting the baseline and the api (co-hosted silo, memory storage) on 127.0.0.1 ...");
        await using var baseline = await BaselineServer.StartAsync(tenant);
        await using var grains = await GrainServer.StartAsync(tenant, http);
        await Readiness.EnsureAnswersAsync("baseline", http, baseline.BaseAddress, Users("probe")[0], TimeSpan.FromSeconds(10));
        await Readiness.EnsureAnswersAsync("grains", http, grains.BaseAddress, Users("probe")[0], TimeSpan.FromSeconds(60));

        var runner = new LoadRunner(http);
        Console.WriteLine($"{options.Clients} clients (one user each); JIT warm-up {options.JitWarmupSeconds} s per server; " +
            $"then per run {options.WarmupSeconds} s warm-up + {options.Seconds} s measured; " +
            $"{Environment.ProcessorCount} cores, server GC: {System.Runtime.GCSettings.IsServerGC}");
        foreach (var server in new[] { baseline.BaseAddress, grains.BaseAddress })
            await runner.RunAsync(server, Users("jit"), TimeSpan.FromSeconds(options.JitWarmupSeconds), BenchmarkOptions.MaxRequestsPerRun);
        Console.WriteLine();

        // Each run has users of its own, so what one run leaves in their budgets never slows the next.
        async Task<LoadResult> MeasureAsync(Uri server, string run)
        {
            var users = Users(run);
            await runner.RunAsync(server, users, TimeSpan.FromSeconds(options.WarmupSeconds), BenchmarkOptions.MaxRequestsPerRun);
            return await runner.RunAsync(server, users, TimeSpan.FromSeconds(options.Seconds), BenchmarkOptions.MaxRequestsPerRun);
        }

        var pass = await PairedRounds.RunAsync(options.Rounds,
            new PairedRounds.Side("baseline", run => MeasureAsync(baseline.BaseAddress, run)),
            new PairedRounds.Side("grains", run => MeasureAsync(grains.BaseAddress, run)),
            BenchmarkOptions.TargetRatio);
        return pass ? 0 : 1;
    }
}
