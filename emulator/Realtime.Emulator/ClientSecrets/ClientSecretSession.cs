using System.Text.Json.Nodes;
using Realtime.Emulator.Calls;

namespace Realtime.Emulator.ClientSecrets;

/// <summary>
/// The session object OpenAI answers with: the effective session, that is OpenAI's defaults (output modalities,
/// audio formats, voice, turn detection, tool choice, token cap, …) with the caller's fields merged over them, plus
/// the fields the server decides (<c>object</c>, <c>id</c>).
/// </summary>
internal static class ClientSecretSession
{
    public static JsonObject Describe(ClientSecretRequest request)
    {
        var isRealtime = request.SessionType == "realtime";
        var session = new JsonObject
        {
            ["type"] = request.SessionType,
            ["object"] = isRealtime ? "realtime.session" : "realtime.transcription_session",
            ["id"] = Secrets.RandomIds.Next("sess_", Secrets.RandomIds.IdLength),
        };
        var effective = isRealtime ? RealtimeDefaults() : TranscriptionDefaults();
        JsonMerge.Into(effective, request.Session);
        // A turn detection is replaced whole: semantic_vad has none of server_vad's tuning fields.
        if (request.Session["audio"]?["input"]?["turn_detection"] is { } turnDetection)
            effective["audio"]!["input"]!["turn_detection"] = turnDetection.DeepClone();
        // Server-decided fields win: a caller cannot choose its own session id or object kind.
        foreach (var (name, value) in effective)
        {
            if (!session.ContainsKey(name)) session[name] = value?.DeepClone();
        }
        return session;
    }

    private static JsonObject Pcm24k() => new() { ["type"] = "audio/pcm", ["rate"] = 24000 };

    private static JsonObject ServerVad(bool answers = true)
    {
        var vad = new JsonObject
        {
            ["type"] = "server_vad",
            ["threshold"] = 0.5,
            ["prefix_padding_ms"] = 300,
            ["silence_duration_ms"] = 200,
            ["idle_timeout_ms"] = null,
        };
        if (answers)
        {
            vad["create_response"] = true;
            vad["interrupt_response"] = true;
        }
        return vad;
    }

    /// <summary>What OpenAI fills in for a realtime session; input transcription stays off unless asked for.</summary>
    private static JsonObject RealtimeDefaults() => new()
    {
        ["model"] = ClientSecretRequestValidator.DefaultModel,
        ["output_modalities"] = new JsonArray("audio"),
        ["instructions"] = "",
        ["tools"] = new JsonArray(),
        ["tool_choice"] = "auto",
        ["max_output_tokens"] = "inf",
        ["tracing"] = null,
        ["truncation"] = "auto",
        ["prompt"] = null,
        ["include"] = null,
        ["audio"] = new JsonObject
        {
            ["input"] = new JsonObject
            {
                ["format"] = Pcm24k(),
                ["transcription"] = null,
                ["noise_reduction"] = null,
                ["turn_detection"] = ServerVad(),
            },
            ["output"] = new JsonObject { ["format"] = Pcm24k(), ["voice"] = "alloy", ["speed"] = 1.0 },
        },
    };

    private static JsonObject TranscriptionDefaults() => new()
    {
        ["include"] = null,
        ["audio"] = new JsonObject
        {
            ["input"] = new JsonObject
            {
                ["format"] = Pcm24k(),
                ["transcription"] = new JsonObject { ["model"] = "whisper-1", ["language"] = null, ["prompt"] = "" },
                ["noise_reduction"] = null,
                ["turn_detection"] = ServerVad(answers: false),
            },
        },
    };
}
