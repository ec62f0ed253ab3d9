using System.Text.Json.Nodes;
using Realtime.Api.Http;
using Realtime.Api.Problems;

namespace Realtime.Api.Tokens;

/// <summary>
/// The GA session fields the broker knows, from OpenAI's <c>RealtimeSessionCreateRequestGA</c> and
/// <c>RealtimeTranscriptionSessionCreateRequestGA</c>. A session is checked against them before it goes upstream, so
/// a typo or a beta-only field is a 400 naming its full path instead of OpenAI's refusal after budget was reserved.
/// The objects OpenAI keeps extending (tools, turn_detection, format, tracing…) pass through as sent.
/// </summary>
public static class GaSessionFields
{
    private static readonly string[] RealtimeSession =
    [
        "type", "model", "instructions", "output_modalities", "audio", "include", "tracing", "tools", "tool_choice",
        "max_output_tokens", "truncation", "prompt", "parallel_tool_calls", "reasoning",
    ];

    private static readonly string[] TranscriptionSession = ["type", "audio", "include"];
    private static readonly string[] RealtimeAudio = ["input", "output"];
    private static readonly string[] TranscriptionAudio = ["input"];
    private static readonly string[] AudioInput = ["format", "noise_reduction", "transcription", "turn_detection"];
    private static readonly string[] AudioOutput = ["format", "voice", "speed"];
    private static readonly string[] Transcription = ["model", "language", "prompt"];

    /// <summary>The first unknown or mistyped field of a <paramref name="type"/> session, or null.</summary>
    public static Refusal? Check(JsonObject session, string type)
    {
        var realtime = type == "realtime";
        var fields = new JsonFields(session, "session.");
        fields.RefuseUnknown(realtime ? RealtimeSession : TranscriptionSession);
        if (fields.Error is not null || fields.Object("audio") is not { } audio) return fields.Error;

        var audioFields = new JsonFields(audio, "session.audio.");
        audioFields.RefuseUnknown(realtime ? RealtimeAudio : TranscriptionAudio);
        var input = audioFields.Object("input");
        var output = audioFields.Object("output");
        if (audioFields.Error is not null) return audioFields.Error;
        return (input is null ? null : CheckInput(input)) ?? (output is null ? null : CheckOutput(output));
    }

    /// <summary>The transcription model a checked session names at <c>session.audio.input.transcription.model</c>, if any.</summary>
    public static string? TranscriptionModel(JsonObject session) =>
        session["audio"]?["input"]?["transcription"]?["model"] is JsonValue model ? model.GetValue<string>() : null;

    private static Refusal? CheckInput(JsonObject input)
    {
        var fields = new JsonFields(input, "session.audio.input.");
        fields.RefuseUnknown(AudioInput);
        if (fields.Error is not null || fields.Object("transcription") is not { } transcription) return fields.Error;
        var transcriptionFields = new JsonFields(transcription, "session.audio.input.transcription.");
        transcriptionFields.RefuseUnknown(Transcription);
        transcriptionFields.String("model", 128);
        return transcriptionFields.Error;
    }

    private static Refusal? CheckOutput(JsonObject output)
    {
        var fields = new JsonFields(output, "session.audio.output.");
        fields.RefuseUnknown(AudioOutput);
        return fields.Error;
    }
}
