using System.Text.Json.Nodes;
using Realtime.Shared.Captions;
using Realtime.Testing;

namespace Realtime.Benchmarks.Captions;

/// <summary>One speaker batch, for both paths: an input-transcription delta and its completed event (GA names).</summary>
public static class CaptionEvents
{
    public const int UpdatesPerBatch = 2;

    /// <summary>The OpenAI events the speaker relays to /hubs/captions.</summary>
    public static JsonArray OpenAI(int index, long stamp) =>
    [
        OpenAIEvents.UserDelta($"item_{index}", CaptionStamp.Delta(stamp), eventId: $"ev_{index}_d"),
        OpenAIEvents.UserCompleted($"item_{index}", CaptionStamp.Final(stamp, index), eventId: $"ev_{index}_c"),
    ];

    /// <summary>The same two updates as the plain hub broadcasts them.</summary>
    public static CaptionUpdate[] Plain(string group, int index, long stamp) =>
    [
        new(group, index * 2L + 1, $"item_{index}:0", "user", CaptionKind.Partial, CaptionStamp.Delta(stamp), null, null),
        new(group, index * 2L + 2, $"item_{index}:0", "user", CaptionKind.Final, CaptionStamp.Final(stamp, index), null, null),
    ];
}
