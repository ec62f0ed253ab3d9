using System.Diagnostics;

namespace Realtime.Testing;

/// <summary>
/// Bounded polling for an effect a test cannot await directly (a one-way message, a timer tick, another process):
/// every wait ends, and a timeout fails with what never happened. Polls on real time, whatever clock the code under test uses.
/// </summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(20);

    public static Task TrueAsync(Func<bool> condition, string what, TimeSpan? timeout = null) =>
        TrueAsync(() => Task.FromResult(condition()), () => what, timeout);

    public static Task TrueAsync(Func<bool> condition, Func<string> what, TimeSpan? timeout = null) =>
        TrueAsync(() => Task.FromResult(condition()), what, timeout);

    public static Task TrueAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null) =>
        TrueAsync(condition, () => what, timeout);

    public static async Task TrueAsync(Func<Task<bool>> condition, Func<string> what, TimeSpan? timeout = null)
    {
        await ValueAsync(async () => await condition(), done => done, _ => what(), timeout);
    }

    /// <summary>Reads until <paramref name="done"/> holds for what was read, and returns that; <paramref name="what"/> describes the last read on a timeout.</summary>
    public static async Task<T> ValueAsync<T>(Func<Task<T>> read, Func<T, bool> done, Func<T, string> what, TimeSpan? timeout = null)
    {
        var limit = timeout ?? DefaultTimeout;
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var value = await read();
            if (done(value)) return value;
            if (clock.Elapsed > limit) Assert.Fail($"Still not so after {limit.TotalSeconds:0.#} s: {what(value)}");
            await Task.Delay(Interval);
        }
    }
}
