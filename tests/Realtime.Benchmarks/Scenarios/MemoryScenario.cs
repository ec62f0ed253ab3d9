using System.Diagnostics;
using System.Globalization;
using Realtime.Benchmarks.Memory;
using Realtime.Shared.Captions;
using Realtime.Shared.Sessions;
using Realtime.Shared.Users;

namespace Realtime.Benchmarks.Scenarios;

/// <summary>
/// The memory figure: one silo holding 100,000 idle user grains (one reservation each, as a minted
/// secret leaves them, with the issued session's record) and 10,000 session grains with 20 final segments each
/// (each minted by one of those users, then one publish of 20 completed events, so that user holds one live session). Managed heap and working set after a full GC, before and after each population. See README.md.
/// </summary>
public static class MemoryScenario
{
    private const int Users = 100_000;
    private const int Sessions = 10_000;
    private const int SegmentsPerSession = 20;
    private const int Parallel = 500;
    private const long TargetBytes = 1L << 30;
    private const string Tenant = "bench";
    private static readonly UserLimits Limits = new(10_000, 100_000, 10_000);

    public static async Task<int> RunAsync(BenchmarkOptions options)
    {
        Console.WriteLine($"Starting one silo (AddRealtimeGrains, memory storage); {Environment.ProcessorCount} cores, server GC: {System.Runtime.GCSettings.IsServerGC}");
        await using var silo = await MemorySilo.StartAsync();
        // Activate one of each first so code, JIT and type caches are in the baseline, not in the per-grain figures.
        await UserAsync(silo.Grains, "warm", DateTimeOffset.UtcNow);
        await SessionAsync(silo.Grains, "warm", "warm", DateTimeOffset.UtcNow);
        var before = MemorySnapshot.Take();
        Print("before", before, before, 0);

        var clock = Stopwatch.StartNew();
        var now = DateTimeOffset.UtcNow;
        await InBatchesAsync(Users, i => UserAsync(silo.Grains, UserName(i), now));
        var users = MemorySnapshot.Take();
        Print($"+{Users:N0} users", users, before, Users);
        Console.WriteLine($"  ({clock.Elapsed.TotalSeconds:F1} s)");

        clock.Restart();
        await InBatchesAsync(Sessions, i => SessionAsync(silo.Grains, UserName(i), $"sess-{i:D6}", now));
        var sessions = MemorySnapshot.Take();
        Print($"+{Sessions:N0} sessions", sessions, users, Sessions);
        Console.WriteLine($"  ({clock.Elapsed.TotalSeconds:F1} s)");

        Console.WriteLine();
        var grew = sessions.ManagedBytes - before.ManagedBytes;
        var grewWs = sessions.WorkingSetBytes - before.WorkingSetBytes;
        var pass = grew <= TargetBytes && grewWs <= TargetBytes;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"all grains: managed +{MemorySnapshot.MiB(grew)} MiB, working set +{MemorySnapshot.MiB(grewWs)} MiB " +
            $"(process working set {MemorySnapshot.MiB(sessions.WorkingSetBytes)} MiB) (target <= 1024 MiB) {(pass ? "PASS" : "ABOVE")}"));
        return pass ? 0 : 1;
    }

    private static void Print(string label, MemorySnapshot now, MemorySnapshot previous, int grains)
    {
        var managed = now.ManagedBytes - previous.ManagedBytes;
        var ws = now.WorkingSetBytes - previous.WorkingSetBytes;
        var perGrain = grains == 0 ? "" : string.Create(CultureInfo.InvariantCulture,
            $"  per grain: managed {managed / (double)grains:F0} B, working set {ws / (double)grains:F0} B");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{label,-18} managed {MemorySnapshot.MiB(now.ManagedBytes),8} MiB  working set {MemorySnapshot.MiB(now.WorkingSetBytes),8} MiB{perGrain}"));
    }

    private static async Task InBatchesAsync(int count, Func<int, Task> callAsync)
    {
        for (var first = 0; first < count; first += Parallel)
            await Task.WhenAll(Enumerable.Range(first, Math.Min(Parallel, count - first)).Select(callAsync));
    }

    private static Task UserAsync(IGrainFactory grains, string user, DateTimeOffset now) =>
        MintAsync(grains, user, Limits, $"sess_{user}", now.AddMinutes(10));

    // What the api's token broker does for a mint: the reservation spends the unit and issues the session.
    private static async Task MintAsync(IGrainFactory grains, string user, UserLimits limits, string sessionId, DateTimeOffset expiresAt)
    {
        var grain = grains.GetGrain<IUserGrain>(UserKey.For(Tenant, user));
        var reservation = await grain.Reserve(limits, new SessionGrant(sessionId, "gpt-realtime", "realtime", expiresAt));
        if (!reservation.Granted) throw new InvalidOperationException($"{user}: refused by {reservation.RefusedBy}");
    }

    private static string UserName(int i) => $"user-{i:D6}";

    // A session of one of the idle users, who publishes its 20 finals: the user now holds one live session.
    private static async Task SessionAsync(IGrainFactory grains, string user, string sessionId, DateTimeOffset now)
    {
        await MintAsync(grains, user, Limits, sessionId, now.AddMinutes(10));
        var grain = grains.GetGrain<ISessionGrain>(sessionId);
        var events = Enumerable.Range(0, SegmentsPerSession).Select(i => new CaptionEvent(
            $"ev_{i}", CaptionEventKind.UserCompleted, $"item_{i:D3}", 0,
            $"Segment {i} of {sessionId}: a sentence of ordinary length as a speaker would say it.", null)).ToArray();
        var ack = await grain.Publish(Tenant, user, events);
        if (ack.Refused is not null) throw new InvalidOperationException($"{sessionId}: publish refused ({ack.Refused})");
    }
}
