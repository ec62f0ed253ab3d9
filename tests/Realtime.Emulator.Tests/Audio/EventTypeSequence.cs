namespace Realtime.Emulator.Tests.Audio;

/// <summary>Collapses runs of one event type (a stream of deltas) so an order can be asserted without counting them.</summary>
internal static class EventTypeSequence
{
    public static IEnumerable<string> CollapseRuns(this IEnumerable<string> types)
    {
        string? last = null;
        foreach (var type in types)
        {
            if (type != last)
            {
                yield return type;
            }
            last = type;
        }
    }
}
