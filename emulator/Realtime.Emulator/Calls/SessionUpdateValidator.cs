using System.Text.Json;
using System.Text.Json.Nodes;
using Realtime.Emulator.Errors;

namespace Realtime.Emulator.Calls;

/// <summary>
/// Checks the <c>session</c> of a <c>session.update</c> against the GA shape. GA refuses the whole update on the
/// first problem, and beta-only fields (<c>temperature</c>, <c>modalities</c>, <c>input_audio_format</c>, …) are
/// simply unknown to it: that is exactly what catches code still written for the beta.
/// </summary>
internal static class SessionUpdateValidator
{
    private static readonly Dictionary<string, JsonValueKind> SessionFields = new()
    {
        ["type"] = JsonValueKind.String,
        ["model"] = JsonValueKind.String,
        ["instructions"] = JsonValueKind.String,
        ["audio"] = JsonValueKind.Object,
        ["output_modalities"] = JsonValueKind.Array,
        ["tools"] = JsonValueKind.Array,
        ["tool_choice"] = JsonValueKind.Undefined,
        ["max_output_tokens"] = JsonValueKind.Undefined,
        ["tracing"] = JsonValueKind.Undefined,
        ["truncation"] = JsonValueKind.Undefined,
        ["prompt"] = JsonValueKind.Undefined,
        ["include"] = JsonValueKind.Array,
    };

    private static readonly Dictionary<string, string[]> AudioFields = new()
    {
        ["audio"] = ["input", "output"],
        ["audio.input"] = ["format", "transcription", "turn_detection", "noise_reduction"],
        ["audio.output"] = ["format", "voice", "speed"],
    };

    private static readonly string[] FormatTypes = ["audio/pcm", "audio/pcmu", "audio/pcma"];
    private static readonly string[] Modalities = ["text", "audio"];

    /// <summary>Null when the update is acceptable; otherwise the first problem, as OpenAI reports it.</summary>
    public static RealtimeEventError? Validate(JsonNode? session, string currentType)
    {
        if (session is null)
        {
            return RealtimeEventError.MissingParameter("session");
        }
        if (session is not JsonObject fields)
        {
            return RealtimeEventError.InvalidType("session", "an object", JsonKinds.Describe(session));
        }
        foreach (var (name, value) in fields)
        {
            if (!SessionFields.TryGetValue(name, out var kind))
            {
                return RealtimeEventError.UnknownParameter("session." + name);
            }
            if (kind != JsonValueKind.Undefined && JsonKinds.Of(value) != kind)
            {
                return RealtimeEventError.InvalidType("session." + name, JsonKinds.Expected(kind), JsonKinds.Describe(value));
            }
        }
        if (fields["type"] is { } type && (string?)type != currentType)
        {
            return RealtimeEventError.InvalidValue("session.type", (string?)type ?? "", [currentType]);
        }
        if (fields["output_modalities"] is JsonArray modalities
            && modalities.FirstOrDefault(m => m?.GetValueKind() != JsonValueKind.String || !Modalities.Contains((string?)m)) is { } bad)
        {
            return RealtimeEventError.InvalidValue("session.output_modalities", bad?.ToJsonString() ?? "null", Modalities);
        }
        return fields["audio"] is JsonObject audio ? ValidateAudio(audio) : null;
    }

    private static RealtimeEventError? ValidateAudio(JsonObject audio)
    {
        if (Unknown(audio, "audio") is { } unknown)
        {
            return unknown;
        }
        foreach (var direction in new[] { "input", "output" })
        {
            if (audio[direction] is not { } node)
            {
                continue;
            }
            var path = "audio." + direction;
            if (node is not JsonObject section)
            {
                return RealtimeEventError.InvalidType("session." + path, "an object", JsonKinds.Describe(node));
            }
            if ((Unknown(section, path) ?? Format(section["format"], path + ".format")) is { } problem)
            {
                return problem;
            }
        }
        return null;
    }

    private static RealtimeEventError? Unknown(JsonObject section, string path) =>
        section.Select(p => p.Key).FirstOrDefault(k => !AudioFields[path].Contains(k)) is { } name
            ? RealtimeEventError.UnknownParameter($"session.{path}.{name}")
            : null;

    /// <summary>GA formats: <c>audio/pcm</c> at 24 kHz only, <c>audio/pcmu</c>, <c>audio/pcma</c>.</summary>
    private static RealtimeEventError? Format(JsonNode? format, string path)
    {
        if (format is null)
        {
            return null;
        }
        if (format is not JsonObject fields)
        {
            return RealtimeEventError.InvalidType("session." + path, "an object", JsonKinds.Describe(format));
        }
        var type = fields["type"];
        if (type?.GetValueKind() != JsonValueKind.String || !FormatTypes.Contains((string?)type))
        {
            return RealtimeEventError.InvalidValue($"session.{path}.type", type?.ToJsonString() ?? "null", FormatTypes);
        }
        if ((string?)type == "audio/pcm" && fields["rate"] is { } rate && rate.ToJsonString() != "24000")
        {
            return RealtimeEventError.InvalidValue($"session.{path}.rate", rate.ToJsonString(), ["24000"]);
        }
        return null;
    }
}
