namespace Realtime.Client.Tests;

/// <summary>Bounded polling for conditions reached on the publisher's background loop.</summary>
public static class Eventually
{
    public static async Task TrueAsync(Func<bool> condition, string what, int milliseconds = 5000)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(milliseconds);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"Timed out after {milliseconds} ms waiting for: {what}");
            await Task.Delay(5);
        }
    }
}
