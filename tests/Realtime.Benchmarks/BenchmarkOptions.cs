using System.Globalization;

namespace Realtime.Benchmarks;

/// <summary>
/// The command line: <c>--seconds N</c> measured per run, <c>--warmup N</c> before each run, <c>--jit-warmup N</c>
/// once per server before any run (tiered JIT needs many seconds of load to settle on a small machine),
/// <c>--clients N</c> concurrent clients, one user each; <c>--scenario tokens|captions|memory|cluster|cluster-captions|webrtc|emulator-audio|audio</c>
/// (default tokens); <c>--rate N</c> caption batches per second (captions, cluster-captions); <c>--viewers N</c> viewers
/// per round (cluster-captions); <c>--rounds N</c> paired rounds (tokens, cluster; default 3).
/// </summary>
public sealed record BenchmarkOptions(
    int Seconds, int WarmupSeconds, int JitWarmupSeconds, int Clients, string Scenario = "tokens", int Rate = 20, int Viewers = 100, int Rounds = 3)
{
    public const string Tokens = "tokens";
    public const string Captions = "captions";
    public const string Memory = "memory";
    public const string Cluster = "cluster";
    public const string ClusterCaptions = "cluster-captions";
    public const string WebRtc = "webrtc";
    public const string EmulatorAudio = "emulator-audio";
    public const string Audio = "audio";

    /// <summary>The cluster target: the two-node cluster keeps at least this share of the single process's throughput.</summary>
    public const double ClusterTargetRatio = 0.7;

    /// <summary>The target of the comparison: the grain path keeps at least this share of the baseline's throughput.</summary>
    public const double TargetRatio = 0.8;

    /// <summary>A hard stop per run whatever the clock says, so a run is bounded in count as well as in time.</summary>
    public const int MaxRequestsPerRun = 2_000_000;

    public static BenchmarkOptions Parse(string[] args)
    {
        var options = new BenchmarkOptions(Seconds: 10, WarmupSeconds: 3, JitWarmupSeconds: 15, Clients: 64);
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            options = args[i] switch
            {
                "--seconds" => options with { Seconds = Number(args[i], value, 1, 600) },
                "--warmup" => options with { WarmupSeconds = Number(args[i], value, 0, 60) },
                "--jit-warmup" => options with { JitWarmupSeconds = Number(args[i], value, 0, 120) },
                "--clients" => options with { Clients = Number(args[i], value, 1, 1024) },
                "--rate" => options with { Rate = Number(args[i], value, 1, 1000) },
                "--viewers" => options with { Viewers = Number(args[i], value, 1, 5000) },
                "--rounds" => options with { Rounds = Number(args[i], value, 1, 9) },
                "--scenario" => options with { Scenario = ScenarioName(value) },
                _ => throw new ArgumentException(
                    $"Unknown argument '{args[i]}'. Use --scenario tokens|captions|memory|cluster|cluster-captions|webrtc|emulator-audio|audio, --seconds N, --warmup N, " +
                    "--jit-warmup N, --clients N, --rate N, --viewers N, --rounds N."),
            };
            i++;
        }
        return options;
    }

    private static string ScenarioName(string? value) => value is Tokens or Captions or Memory or Cluster or ClusterCaptions or WebRtc or EmulatorAudio or Audio
        ? value
        : throw new ArgumentException("--scenario takes tokens, captions, memory, cluster, cluster-captions, webrtc, emulator-audio or audio.");

    private static int Number(string name, string? value, int min, int max) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? n
            : throw new ArgumentException($"{name} takes a whole number from {min} to {max}.");
}
