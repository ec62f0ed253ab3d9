using System.Globalization;
using Realtime.Benchmarks.Report;
using Realtime.Benchmarks.WebRtc;
using Realtime.Testing.Browser;

namespace Realtime.Benchmarks.Scenarios;

/// <summary>
/// The managed WebRTC stack against Chromium's own, in one run on 127.0.0.1: offer-to-open-channel time and bulk
/// throughput for the managed peer → Chromium (<see cref="ManagedPeer"/>) and for Chromium ↔ Chromium, two peer
/// connections in one page (<see cref="ChromiumPair"/>).
/// <para>Connect times are like for like: the page has its (fake) microphone grant before anything is timed, and
/// both pairs signal without trickle (each side's SDP goes out once its ICE gathering is complete), which is what the
/// managed path does. Each path gets one untimed warm-up connect, then the median of <see cref="Connects"/> is taken.</para>
/// </summary>
public static class WebRtcScenario
{
    private const int Total = 8 * 1024 * 1024;
    private const int Chunk = 64 * 1024;
    private const int Connects = 7;
    private const double ConnectTargetRatio = 1.5;
    private const double ThroughputTargetRatio = 0.5;
    private static readonly Uri Origin = new("http://127.0.0.1:9/");
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan BulkLimit = TimeSpan.FromSeconds(60);

    public static async Task<int> RunAsync()
    {
        Console.WriteLine($"Starting Chromium ({Chromium.ExecutablePath}) and a peer page on {Origin.Authority} ...");
        await using var chromium = await Chromium.LaunchAsync(Chromium.WebRtcFlags);
        var page = await PeerPage.OpenAsync(chromium, Origin);
        await ChromiumPair.AddToAsync(page);
        await page.Page.EvaluateAsync<bool>("() => grant()");

        var baselineConnects = await RepeatAsync(() => ChromiumPair.ConnectAsync(page).WaitAsync(Limit));
        var (trickleConnect, baselineSeconds) = await ChromiumPair.BulkAsync(page, Total, Chunk).WaitAsync(BulkLimit);

        await ManagedPeer.WarmUpAsync(Limit);
        ManagedPeer? peer = null;
        try
        {
            var managed = await RepeatAsync(async () =>
            {
                if (peer is not null) await peer.DisposeAsync();
                peer = null;
                peer = await ManagedPeer.ConnectAsync(page, Limit);
                return (Connect: peer.ConnectMs, Signalled: peer.SignalledMs);
            });
            var managedSeconds = await peer!.SendBulkAsync(page, Total, Chunk, BulkLimit);
            return Report(baselineConnects, trickleConnect, MibPerSecond(baselineSeconds),
                managed.Select(m => m.Connect).ToList(), Median.Of(managed.Select(m => m.Signalled)), MibPerSecond(managedSeconds));
        }
        finally
        {
            if (peer is not null) await peer.DisposeAsync();
        }
    }

    /// <summary>One untimed warm-up connect, then <see cref="Connects"/> measured ones.</summary>
    private static async Task<List<T>> RepeatAsync<T>(Func<Task<T>> connectAsync)
    {
        await connectAsync();
        var results = new List<T>();
        for (var i = 0; i < Connects; i++) results.Add(await connectAsync());
        return results;
    }

    private static double MibPerSecond(double seconds) => Total / seconds / (1024 * 1024);

    private static int Report(List<double> baselineConnects, double trickleConnect, double baselineRate, List<double> connects,
        double signalMedian, double rate)
    {
        var baselineConnect = Median.Of(baselineConnects);
        var managedConnect = Median.Of(connects);
        var connectRatio = managedConnect / baselineConnect;
        var rateRatio = rate / baselineRate;
        var connectPass = connectRatio <= ConnectTargetRatio;
        var ratePass = rateRatio >= ThroughputTargetRatio;
        Print($"Chromium ↔ Chromium: connect median {baselineConnect:F1} ms of {Connects} (no trickle, SDP after complete gathering: {List(baselineConnects)}); {baselineRate:F1} MiB/s");
        Print($"  for reference, with trickle: connect {trickleConnect:F1} ms (single run, the throughput pair)");
        Print($".NET → Chromium:     connect median {managedConnect:F1} ms of {Connects} ({List(connects)}), of which median {signalMedian:F1} ms until Chromium's answer; {rate:F1} MiB/s");
        Console.WriteLine();
        Print($"ratio .NET/Chromium connect (median of {Connects}): {connectRatio:F2} (target <= {ConnectTargetRatio:F1}) {(connectPass ? "PASS" : "ABOVE")}");
        Print($"ratio .NET/Chromium throughput ({Total / (1024 * 1024)} MiB): {rateRatio:F2} (target >= {ThroughputTargetRatio:F1}) {(ratePass ? "PASS" : "BELOW")}");
        return connectPass && ratePass ? 0 : 1;
    }

    private static void Print(FormattableString line) => Console.WriteLine(line.ToString(CultureInfo.InvariantCulture));

    private static string List(IEnumerable<double> values) =>
        string.Join(", ", values.Select(v => v.ToString("F0", CultureInfo.InvariantCulture)));
}
