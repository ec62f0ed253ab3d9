using System.Text.Json;
using System.Text.Json.Nodes;
using Realtime.Emulator.Errors;

namespace Realtime.Emulator.Calls;

/// <summary>
/// Checks a <c>session</c> (of a <c>session.update</c>, or a call's multipart <c>session</c> part) against the GA
/// shape. GA refuses the whole update on the first problem: <c>type</c> is required, every GA field is accepted,
/// anything else is unknown (beta-only fields such as <c>temperature</c>, <c>modalities</c>,
/// <c>input_audio_format</c> included, which is what catches code still written for the beta), and a transcription
/// session refuses what only realtime sessions have.
/// </summary>
internal static class SessionUpdateValidator
{
    /// <summary>GA realtime session fields and the JSON kind each must have (Undefined: several kinds are legal).</summary>
    private static readonly Dictionary<string, JsonValueKind> RealtimeFields = new()
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
        ["parallel_tool_calls"] = JsonValueKind.True,
        ["reasoning"] = JsonValueKind.Object,
    };

    /// <summary>A transcription session has only these; the realtime-only ones are unknown to it.</summary>
    private static readonly string[] TranscriptionFields = ["type", "audio", "include"];

    private static readonly Dictionary<string, string[]> RealtimeAudioFields = new()
    {
        ["audio"] = ["input", "output"],
        ["audio.input"] = ["format", "transcription", "turn_detection", "noise_reduction"],
        ["audio.output"] = ["format", "voice", "speed"],
    };

    private static readonly Dictionary<string, string[]> TranscriptionAudioFields = new()
    {
        ["audio"] = ["input"],
        ["audio.input"] = ["format", "transcription", "turn_detection", "noise_reduction"],
    };

    private static readonly string[] SessionTypes = ["realtime", "transcription"];
    private static readonly string[] FormatTypes = ["audio/pcm", "audio/pcmu", "audio/pcma"];
    private static readonly string[] Modalities = ["text", "audio"];

    /// <summary>
    /// Null when the update is acceptable; otherwise the first problem, as OpenAI reports it. <paramref name="currentType"/>
    /// is the session's type, which an update may not change; null when the session is being created.
    /// </summary>
    public static RealtimeEventError? Validate(JsonNode? session, string? currentType)
    {
        if (session is null)
        {
            return RealtimeEventError.MissingParameter("session");
        }
        if (session is not JsonObject fields)
        {
            return RealtimeEventError.InvalidType("session", "an object", JsonKinds.Describe(session));
        }
        if (ValidateType(fields, currentType) is { } typeProblem)
        {
            return typeProblem;
        }
        var isRealtime = (string?)fields["type"] == "realtime";
        foreach (var (name, value) in fields)
        {
            if (Field(name, value, isRealtime) is { } problem)
            {
                return problem;
            }
        }
        if (fields["output_modalities"] is JsonArray modalities
            && modalities.FirstOrDefault(m => m?.GetValueKind() != JsonValueKind.String || !Modalities.Contains((string?)m)) is { } bad)
        {
            return RealtimeEventError.InvalidValue("session.output_modalities", bad?.ToJsonString() ?? "null", Modalities);
        }
        return fields["audio"] is JsonObject audio ? ValidateAudio(audio, isRealtime ? RealtimeAudioFields : TranscriptionAudioFields) : null;
    }

    /// <summary>
    /// The path (<c>session.…</c>) of the first field a session of <paramref name="type"/> does not have in GA, top level
    /// or in <c>audio</c>, or null. For callers that check kinds their own way but must refuse the same unknown fields.
    /// </summary>
    public static string? FirstUnknownField(JsonObject session, string type)
    {
        var isRealtime = type == "realtime";
        if (session.Select(p => p.Key).FirstOrDefault(k => !RealtimeFields.ContainsKey(k) || (!isRealtime && !TranscriptionFields.Contains(k))) is { } top)
        {
            return "session." + top;
        }
        var known = isRealtime ? RealtimeAudioFields : TranscriptionAudioFields;
        if (session["audio"] is not JsonObject audio)
        {
            return null;
        }
        return UnknownKey(audio, "audio", known)
            ?? known.Keys.Where(k => k != "audio").Select(path => audio[path["audio.".Length..]] is JsonObject section ? UnknownKey(section, path, known) : null)
                .FirstOrDefault(p => p is not null);
    }

    private static RealtimeEventError? ValidateType(JsonObject fields, string? currentType)
    {
        if (!fields.TryGetPropertyValue("type", out var type))
        {
            return RealtimeEventError.MissingParameter("session.type");
        }
        if (type?.GetValueKind() != JsonValueKind.String)
        {
            return RealtimeEventError.InvalidType("session.type", "a string", JsonKinds.Describe(type));
        }
        string[] allowed = currentType is null ? SessionTypes : [currentType];
        return allowed.Contains((string)type!) ? null : RealtimeEventError.InvalidValue("session.type", (string)type!, allowed);
    }

    private static RealtimeEventError? Field(string name, JsonNode? value, bool isRealtime)
    {
        if (!RealtimeFields.TryGetValue(name, out var kind) || (!isRealtime && !TranscriptionFields.Contains(name)))
        {
            return RealtimeEventError.UnknownParameter("session." + name);
        }
        var actual = JsonKinds.Of(value);
        // null clears an optional setting (tracing, prompt, …); a boolean may be true or false.
        if (kind == JsonValueKind.Undefined || actual == JsonValueKind.Null || actual == kind
            || (kind == JsonValueKind.True && actual == JsonValueKind.False))
        {
            return null;
        }
        var expected = kind == JsonValueKind.True ? "a boolean" : JsonKinds.Expected(kind);
        return RealtimeEventError.InvalidType("session." + name, expected, JsonKinds.Describe(value));
    }

    private static RealtimeEventError? ValidateAudio(JsonObject audio, Dictionary<string, string[]> known)
    {
        if (Unknown(audio, "audio", known) is { } unknown)
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
            if ((Unknown(section, path, known) ?? Format(section["format"], path + ".format")) is { } problem)
            {
                return problem;
            }
        }
        return null;
    }

    private static RealtimeEventError? Unknown(JsonObject section, string path, Dictionary<string, string[]> known) =>
        UnknownKey(section, path, known) is { } name ? RealtimeEventError.UnknownParameter(name) : null;

    private static string? UnknownKey(JsonObject section, string path, Dictionary<string, string[]> known) =>
        section.Select(p => p.Key).FirstOrDefault(k => !known[path].Contains(k)) is { } name ? $"session.{path}.{name}" : null;

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
