namespace Realtime.Benchmarks;

/// <summary>Both servers log at Warning and above only, so log output does not dominate what is measured.</summary>
public static class BenchmarkLogging
{
    public static IEnumerable<KeyValuePair<string, string?>> Settings { get; } = new Dictionary<string, string?>
    {
        ["Logging:LogLevel:Default"] = "Warning",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        ["Logging:LogLevel:Orleans"] = "Warning",
        ["Logging:LogLevel:System.Net.Http.HttpClient"] = "Warning",
    };
}
