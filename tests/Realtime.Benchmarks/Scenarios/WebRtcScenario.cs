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

        var baselineConnects = await ConnectRuns.RepeatAsync(Connects, () => ChromiumPair.ConnectAsync(page).WaitAsync(Limit));
        var (trickleConnect, baselineSeconds) = await ChromiumPair.BulkAsync(page, Total, Chunk).WaitAsync(BulkLimit);

        await ManagedPeer.WarmUpAsync(Limit);
        ManagedPeer? peer = null;
        try
        {
            var managed = await ConnectRuns.RepeatAsync(Connects, async () =>
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
        ConnectRuns.Print($"Chromium ↔ Chromium: connect median {baselineConnect:F1} ms of {Connects} (no trickle, SDP after complete gathering: {ConnectRuns.List(baselineConnects)}); {baselineRate:F1} MiB/s");
        ConnectRuns.Print($"  for reference, with trickle: connect {trickleConnect:F1} ms (single run, the throughput pair)");
        ConnectRuns.Print($".NET → Chromium:     connect median {managedConnect:F1} ms of {Connects} ({ConnectRuns.List(connects)}), of which median {signalMedian:F1} ms until Chromium's answer; {rate:F1} MiB/s");
        Console.WriteLine();
        ConnectRuns.Print($"ratio .NET/Chromium connect (median of {Connects}): {connectRatio:F2} (target <= {ConnectTargetRatio:F1}) {(connectPass ? "PASS" : "ABOVE")}");
        ConnectRuns.Print($"ratio .NET/Chromium throughput ({Total / (1024 * 1024)} MiB): {rateRatio:F2} (target >= {ThroughputTargetRatio:F1}) {(ratePass ? "PASS" : "BELOW")}");
        return connectPass && ratePass ? 0 : 1;
    }
}
