using System.Diagnostics;

namespace Realtime.Silo.Tests.Cluster;

/// <summary>
/// Waits for an effect that travels by a one-way message or a timer tick, which a test cannot await directly.
/// Polls on real time (the fake clock only drives the grains) and fails with the reason after a few seconds.
/// </summary>
public static class Eventually
{
    public static async Task True(Func<Task<bool>> condition, string because)
    {
        var elapsed = Stopwatch.StartNew();
        while (!await condition())
        {
            if (elapsed.Elapsed > TimeSpan.FromSeconds(10)) Assert.Fail($"Timed out waiting: {because}");
            await Task.Delay(10);
        }
    }
}
