using System.Globalization;

namespace Realtime.Benchmarks.Report;

/// <summary>How the WebRTC scenarios time connects and print figures: one untimed warm-up, then a fixed count measured.</summary>
public static class ConnectRuns
{
    /// <summary>One untimed warm-up connect (JIT, library start-up), then <paramref name="count"/> measured ones.</summary>
    public static async Task<List<T>> RepeatAsync<T>(int count, Func<Task<T>> connectAsync)
    {
        await connectAsync();
        var results = new List<T>();
        for (var i = 0; i < count; i++) results.Add(await connectAsync());
        return results;
    }

    public static void Print(FormattableString line) => Console.WriteLine(line.ToString(CultureInfo.InvariantCulture));

    public static string List(IEnumerable<double> values) =>
        string.Join(", ", values.Select(v => v.ToString("F0", CultureInfo.InvariantCulture)));
}
