using System.Globalization;
using Realtime.Benchmarks.Load;

namespace Realtime.Benchmarks.Report;

/// <summary>
/// A candidate measured against its baseline in rounds: each round runs both, the order alternating (baseline
/// first in odd rounds, candidate first in even ones), so drift of a shared, noisy machine does not always favour
/// one side. The verdict is the median of the per-round throughput ratios: one disturbed run moves it little.
/// </summary>
public static class PairedRounds
{
    /// <param name="rounds">How many rounds to run; each runs both sides once.</param>
    /// <param name="baseline">The reference side; its <see cref="Side.MeasureAsync"/> argument names the run (each run has users of its own).</param>
    /// <param name="candidate">The side measured against the baseline.</param>
    /// <param name="target">The least median ratio of candidate to baseline throughput that passes.</param>
    /// <returns>Whether the median ratio meets <paramref name="target"/> with no errors.</returns>
    public static async Task<bool> RunAsync(int rounds, Side baseline, Side candidate, double target)
    {
        ResultTable.PrintHeader();
        var ratios = new List<double>();
        var errors = 0;
        for (var round = 1; round <= rounds; round++)
        {
            var order = round % 2 == 1 ? new[] { baseline, candidate } : [candidate, baseline];
            var results = new Dictionary<Side, LoadResult>();
            foreach (var side in order)
            {
                var result = await side.MeasureAsync($"r{round}-{side.Name}");
                ResultTable.PrintRow($"{side.Name} {round}", result);
                results[side] = result;
                errors += result.ErrorCount;
            }
            ratios.Add(results[candidate].RequestsPerSecond / results[baseline].RequestsPerSecond);
        }

        Console.WriteLine();
        Console.WriteLine("ratio per round: " + string.Join("  ", ratios.Select(r => r.ToString("F2", CultureInfo.InvariantCulture))));
        var median = Median.Of(ratios);
        var pass = median >= target;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"ratio {candidate.Name}/{baseline.Name} throughput (median of {rounds}): {median:F2} (target >= {target:F1}) {(pass ? "PASS" : "BELOW")}"));
        return pass && errors == 0;
    }

    /// <summary>One side of the comparison: its name in the table and how to measure one run of it.</summary>
    public sealed record Side(string Name, Func<string, Task<LoadResult>> MeasureAsync);
}
