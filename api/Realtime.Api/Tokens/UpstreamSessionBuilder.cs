using System.Text.Json;
using System.Text.Json.Nodes;
using Realtime.Api.Problems;
using Realtime.Shared.Tenants;

namespace Realtime.Api.Tokens;

/// <summary>
/// Turns a token request into OpenAI's GA client_secrets body (<c>expires_after</c> + <c>session</c>), merging the
/// top-level shortcuts (type, model, instructions) into the session object, checking its fields against the GA
/// session (<see cref="GaSessionFields"/>) and its models, the transcription model included, against the tenant's
/// policy. Contradictions between the two are refused rather than silently resolved. A realtime session gets the
/// tenant's input transcription unless the caller chose its own.
/// </summary>
public static class UpstreamSessionBuilder
{
    public const string DefaultRealtimeModel = "gpt-realtime";
    public const string DefaultTranscriptionModel = "gpt-4o-transcribe";

    public static (UpstreamSession? Session, Refusal? Refusal) Build(TokenRequest request, TenantPolicy tenant)
    {
        var session = request.Session?.DeepClone().AsObject() ?? new JsonObject();
        if (!TryString(session, "type", out var sessionType)) return Refuse("'session.type' must be a string.", "session.type");
        var type = request.Type ?? sessionType ?? "realtime";
        if (sessionType is not null && sessionType != type)
            return Refuse($"'type' is '{type}' but 'session.type' is '{sessionType}'.", "session.type");
        if (type is not ("realtime" or "transcription"))
            return Refuse("'session.type' must be 'realtime' or 'transcription'.", "session.type");
        session["type"] = type;
        if (GaSessionFields.Check(session, type) is { } unknown) return (null, unknown);

        var (model, modelError) = type == "realtime" ? MergeRealtimeModel(session, request.Model) : MergeTranscriptionModel(session, request.Model);
        if (modelError is not null) return (null, modelError);
        if (!tenant.AllowsModel(model!))
            return Forbid($"Model '{model}' is not allowed for this tenant.", "model");
        if (type == "realtime" && !MergeTenantTranscription(session, tenant.InputTranscription))
            return Refuse("'session.audio.input' must be an object.", "session.audio.input");
        // A realtime session's input transcription runs on a model of its own, billed to the tenant alike.
        if (type == "realtime" && GaSessionFields.TranscriptionModel(session) is { } transcriber && !tenant.AllowsModel(transcriber))
            return Forbid($"Transcription model '{transcriber}' is not allowed for this tenant.", "session.audio.input.transcription.model");

        if (MergeInstructions(session, request.Instructions, type) is { } instructionsError)
            return Refuse(instructionsError, "instructions");

        var body = new JsonObject
        {
            ["expires_after"] = new JsonObject { ["anchor"] = "created_at", ["seconds"] = request.TtlSeconds },
            ["session"] = session,
        };
        return (new UpstreamSession(body, type, model!, request.TtlSeconds), null);
    }

    private static (string? Model, Refusal? Refusal) MergeRealtimeModel(JsonObject session, string? requested)
    {
        if (!TryString(session, "model", out var given)) return (null, new Refusal("'session.model' must be a string.", "session.model"));
        if (requested is not null && given is not null && requested != given)
            return (null, new Refusal($"'model' is '{requested}' but 'session.model' is '{given}'.", "session.model"));
        var model = requested ?? given ?? DefaultRealtimeModel;
        session["model"] = model;
        return (model, null);
    }

    // A transcription session names its model at session.audio.input.transcription.model.
    private static (string? Model, Refusal? Refusal) MergeTranscriptionModel(JsonObject session, string? requested)
    {
        const string path = "session.audio.input.transcription";
        var transcription = ObjectAt(session, "audio", "input", "transcription");
        if (transcription is null) return (null, new Refusal($"'{path}' must be an object.", path));
        if (!TryString(transcription, "model", out var given)) return (null, new Refusal($"'{path}.model' must be a string.", path + ".model"));
        if (requested is not null && given is not null && requested != given)
            return (null, new Refusal($"'model' is '{requested}' but '{path}.model' is '{given}'.", path + ".model"));
        var model = requested ?? given ?? DefaultTranscriptionModel;
        transcription["model"] = model;
        return (model, null);
    }

    /// <summary>
    /// GA transcribes the speaker only when asked, and user captions need it: the tenant's transcription goes into
    /// <c>session.audio.input.transcription</c> unless the caller set that field (null included, meaning off).
    /// False when a step of the path is not an object.
    /// </summary>
    private static bool MergeTenantTranscription(JsonObject session, TranscriptionPolicy policy)
    {
        if (!policy.Enabled) return true;
        if (session["audio"]?["input"] is JsonObject given && given.ContainsKey("transcription")) return true;
        if (ObjectAt(session, "audio", "input") is not { } input) return false;
        var transcription = new JsonObject { ["model"] = policy.Model };
        if (policy.Language is { } language) transcription["language"] = language;
        input["transcription"] = transcription;
        return true;
    }

    private static string? MergeInstructions(JsonObject session, string? instructions, string type)
    {
        if (instructions is null) return null;
        if (type != "realtime") return "'instructions' apply to realtime sessions only.";
        if (!TryString(session, "instructions", out var given)) return "'session.instructions' must be a string.";
        if (given is not null && given != instructions) return "'instructions' and 'session.instructions' differ.";
        session["instructions"] = instructions;
        return null;
    }

    /// <summary>Walks (creating where absent) nested objects; null when a step exists but is not an object.</summary>
    private static JsonObject? ObjectAt(JsonObject root, params string[] path)
    {
        var current = root;
        foreach (var name in path)
        {
            if (!current.TryGetPropertyValue(name, out var next) || next is null) current[name] = next = new JsonObject();
            if (next is not JsonObject obj) return null;
            current = obj;
        }
        return current;
    }

    private static bool TryString(JsonObject json, string name, out string? value)
    {
        value = null;
        if (!json.TryGetPropertyValue(name, out var node) || node is null) return true;
        if (node is not JsonValue v || v.GetValueKind() != JsonValueKind.String) return false;
        value = v.GetValue<string>();
        return true;
    }

    private static (UpstreamSession?, Refusal?) Refuse(string detail, string param) => (null, new Refusal(detail, param));

    private static (UpstreamSession?, Refusal?) Forbid(string detail, string param) =>
        (null, new Refusal(detail, param, StatusCodes.Status403Forbidden));
}
