using System.Globalization;
using System.Text;
using Realtime.Benchmarks.Load;

namespace Realtime.Benchmarks.Report;

/// <summary>
/// Prints measured runs as a small table. <c>KB/req</c> and <c>gc0/1/2</c> are the whole process's (clients
/// included; see <see cref="ProcessCost"/>).
/// </summary>
public static class ResultTable
{
    private static readonly CompositeFormat Row = CompositeFormat.Parse("{0,-12} {1,8} {2,8} {3,8} {4,7} {5,12}  {6}");

    public static void PrintHeader() =>
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture, Row, "path", "req/s", "p50 ms", "p99 ms", "KB/req", "gc0/1/2", "errors"));

    public static void PrintRow(string path, LoadResult result) =>
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture, Row, path,
            result.RequestsPerSecond.ToString("F0", CultureInfo.InvariantCulture),
            result.P50.ToString("F2", CultureInfo.InvariantCulture),
            result.P99.ToString("F2", CultureInfo.InvariantCulture),
            (result.AllocatedBytesPerRequest / 1024).ToString("F1", CultureInfo.InvariantCulture),
            $"{result.Cost.Gen0}/{result.Cost.Gen1}/{result.Cost.Gen2}",
            Errors(result)));

    private static string Errors(LoadResult result) => result.ErrorCount == 0
        ? "0"
        : $"{result.ErrorCount} ({string.Join(", ", result.Errors.OrderBy(e => e.Key).Select(e => $"{e.Key}: {e.Value}"))})";
}
