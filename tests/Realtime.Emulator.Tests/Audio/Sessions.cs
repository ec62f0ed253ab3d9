using System.Text.Json.Nodes;

namespace Realtime.Emulator.Tests.Audio;

/// <summary>GA session objects as a secret or <c>session.update</c> leaves them, for the audio engine's tests.</summary>
internal static class Sessions
{
    public static JsonObject Realtime(JsonNode? turnDetection = null, string? transcriptionModel = "gpt-4o-transcribe", bool detectionGiven = false) =>
        Session("realtime", turnDetection, transcriptionModel, detectionGiven);

    public static JsonObject Transcription(string model = "gpt-4o-transcribe") => Session("transcription", null, model, false);

    /// <summary>A realtime session with <c>turn_detection: null</c>: the client commits.</summary>
    public static JsonObject Manual() => Session("realtime", null, "gpt-4o-transcribe", true);

    private static JsonObject Session(string type, JsonNode? turnDetection, string? transcriptionModel, bool detectionGiven)
    {
        var input = new JsonObject();
        if (turnDetection is not null || detectionGiven)
        {
            input["turn_detection"] = turnDetection;
        }
        if (transcriptionModel is not null)
        {
            input["transcription"] = new JsonObject { ["model"] = transcriptionModel };
        }
        return new JsonObject { ["type"] = type, ["id"] = "sess_test", ["audio"] = new JsonObject { ["input"] = input } };
    }
}
