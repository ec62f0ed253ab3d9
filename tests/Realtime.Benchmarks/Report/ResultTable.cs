using System.Globalization;
using Realtime.Benchmarks.Load;

namespace Realtime.Benchmarks.Report;

/// <summary>Prints measured runs as a small table.</summary>
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

    private static string Errors(LoadResult result) => result.ErrorCount == 0
        ? "0"
        : $"{result.ErrorCount} ({string.Join(", ", result.Errors.OrderBy(e => e.Key).Select(e => $"{e.Key}: {e.Value}"))})";
}
