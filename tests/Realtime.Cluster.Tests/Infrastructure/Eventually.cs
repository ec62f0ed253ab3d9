using System.Diagnostics;

namespace Realtime.Cluster.Tests.Infrastructure;

/// <summary>Bounded polling: every wait in these tests ends, with a message saying what never happened.</summary>
public static class Eventually
{
    public static async Task TrueAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<string> what)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > timeout) Assert.Fail($"Still not true after {timeout.TotalSeconds:0} s: {what()}");
            await Task.Delay(100);
        }
    }

    public static Task TrueAsync(Func<bool> condition, TimeSpan timeout, Func<string> what) =>
        TrueAsync(() => Task.FromResult(condition()), timeout, what);
}
