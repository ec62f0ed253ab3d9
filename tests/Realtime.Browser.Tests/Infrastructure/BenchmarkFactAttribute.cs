namespace Realtime.Browser.Tests.Infrastructure;

/// <summary>
/// A measurement that takes minutes of a loaded machine: it runs only when asked for
/// (<c>REALTIME_BENCHMARKS=1</c>), so the default test run stays short, and is listed as skipped otherwise.
/// </summary>
public sealed class BenchmarkFactAttribute : FactAttribute
{
    public const string Variable = "REALTIME_BENCHMARKS";

    public BenchmarkFactAttribute()
    {
        if (Environment.GetEnvironmentVariable(Variable) != "1") Skip = $"A benchmark: set {Variable}=1 to run it.";
    }
}
