using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Realtime.Emulator.Audio;

/// <summary>
/// What the audio turn engine needs from a session, read leniently (the session was validated when it was set):
/// turn detection (null when the client commits), transcription, and whether turns are answered.
/// </summary>
internal sealed record AudioTurnSettings(
    VadSettings? TurnDetection,
    TranscriptionSettings? Transcription,
    bool TranscriptionOnly,
    bool CreateResponse,
    bool InterruptResponse,
    string? SessionId)
{
    /// <summary>
    /// From a GA session object. An absent <c>turn_detection</c> is OpenAI's default (server_vad); an explicit
    /// null turns detection off. <c>semantic_vad</c> has no energy parameters, so it behaves as server_vad's defaults.
    /// </summary>
    public static AudioTurnSettings FromSession(JsonObject session)
    {
        var input = session["audio"]?["input"] as JsonObject;
        var hasDetection = input?.ContainsKey("turn_detection") != true || input["turn_detection"] is JsonObject;
        var detection = input?["turn_detection"] as JsonObject;
        return new AudioTurnSettings(
            hasDetection ? ReadVad(detection) : null,
            ReadTranscription(input?["transcription"] as JsonObject),
            String(session["type"]) == "transcription",
            hasDetection && Bool(detection?["create_response"], true),
            hasDetection && Bool(detection?["interrupt_response"], true),
            String(session["id"]));
    }

    private static VadSettings ReadVad(JsonObject? detection)
    {
        var defaults = VadSettings.Defaults;
        if (detection is null || String(detection["type"]) != "server_vad")
        {
            return defaults;
        }
        return new VadSettings(
            Number(detection["threshold"]) ?? defaults.Threshold,
            Milliseconds(detection["prefix_padding_ms"]) ?? defaults.PrefixPadding,
            Milliseconds(detection["silence_duration_ms"]) ?? defaults.SilenceDuration);
    }

    private static TranscriptionSettings? ReadTranscription(JsonObject? transcription) => transcription is null
        ? null
        : new TranscriptionSettings(String(transcription["model"]) ?? "gpt-4o-transcribe", String(transcription["language"]));

    private static string? String(JsonNode? node) =>
        node?.GetValueKind() == JsonValueKind.String ? (string?)node : null;

    /// <summary>Any JSON number as a double, whether it was parsed or built from an int.</summary>
    private static double? Number(JsonNode? node) =>
        node?.GetValueKind() == JsonValueKind.Number ? double.Parse(node.ToJsonString(), CultureInfo.InvariantCulture) : null;

    private static TimeSpan? Milliseconds(JsonNode? node) =>
        Number(node) is { } ms and >= 0 ? TimeSpan.FromMilliseconds(ms) : null;

    private static bool Bool(JsonNode? node, bool fallback) => node?.GetValueKind() switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => fallback,
    };
}
