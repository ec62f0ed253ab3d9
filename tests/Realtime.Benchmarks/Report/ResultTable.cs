using System.Globalization;
using Realtime.Benchmarks.Load;

namespace Realtime.Benchmarks.Report;

/// <summary>Prints measured runs as a small table, then the throughput ratio against the target.</summary>
public static class ResultTable
{
    private const string Row = "{0,-12} {1,8} {2,8} {3,8}  {4}";

    public static void PrintHeader() =>
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture, Row, "path", "req/s", "p50 ms", "p99 ms", "errors"));

    public static void PrintRow(string path, LoadResult result) =>
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture, Row, path,
            result.RequestsPerSecond.ToString("F0", CultureInfo.InvariantCulture),
            result.P50.ToString("F2", CultureInfo.InvariantCulture),
            result.P99.ToString("F2", CultureInfo.InvariantCulture),
            Errors(result)));

    /// <summary>Prints the ratio and answers whether it meets the target.</summary>
    public static bool PrintRatio(double grains, double baseline, double target, string label = "grains/baseline")
    {
        var ratio = grains / baseline;
        var verdict = ratio >= target ? "PASS" : "BELOW";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"ratio {label} throughput: {ratio:F2} (target >= {target:F1}) {verdict}"));
        return ratio >= target;
    }

    private static string Errors(LoadResult result) => result.ErrorCount == 0
        ? "0"
        : $"{result.ErrorCount} ({string.Join(", ", result.Errors.OrderBy(e => e.Key).Select(e => $"{e.Key}: {e.Value}"))})";
}
