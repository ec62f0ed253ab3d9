using System.Text.Json;

namespace Realtime.Client.Tests;

/// <summary>OpenAI data-channel events, just enough of them to be told apart by event id.</summary>
public static class Events
{
    public static JsonElement Numbered(int n) => OpenAIEvents.UserDelta("item_1", $"word{n} ", eventId: $"event_{n:D4}").AsElement();

    public static string[] Ids(int from, int to) => [.. Enumerable.Range(from, to - from + 1).Select(n => $"event_{n:D4}")];
}
