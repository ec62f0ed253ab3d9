using System.Text.Json.Nodes;

namespace Realtime.Emulator.Calls;

/// <summary>How OpenAI applies a partial session: objects merge field by field (an update of <c>audio.output.voice</c> keeps <c>audio.input</c>); anything else replaces.</summary>
internal static class JsonMerge
{
    public static void Into(JsonObject target, JsonObject update)
    {
        foreach (var (name, value) in update)
        {
            if (value is JsonObject inner && target[name] is JsonObject existing)
            {
                Into(existing, inner);
            }
            else
            {
                target[name] = value?.DeepClone();
            }
        }
    }
}
