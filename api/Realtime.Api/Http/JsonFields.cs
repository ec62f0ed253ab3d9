using System.Text.Json;
using System.Text.Json.Nodes;
using Realtime.Api.Problems;

namespace Realtime.Api.Http;

/// <summary>
/// Typed access to a JSON object's fields that names the offending field when its type is wrong,
/// so every endpoint answers wrong types with the same clear 400.
/// </summary>
public sealed class JsonFields(JsonObject json, string prefix = "")
{
    /// <summary>The first error found, with the field it concerns; null while everything read was valid.</summary>
    public Refusal? Error { get; private set; }

    public void RefuseUnknown(params string[] known)
    {
        foreach (var (name, _) in json)
            if (!known.Contains(name, StringComparer.Ordinal))
                Fail($"Unknown field '{prefix}{name}'. Known fields: {string.Join(", ", known)}.", name);
    }

    public string? String(string name, int maxLength = 256, bool required = false)
    {
        if (!Present(name, required)) return null;
        if (json[name] is JsonValue value && value.GetValueKind() == JsonValueKind.String)
        {
            var text = value.GetValue<string>();
            if (text.Length <= maxLength) return text;
            Fail($"'{prefix}{name}' is longer than {maxLength} characters.", name);
            return null;
        }
        Fail($"'{prefix}{name}' must be a string.", name);
        return null;
    }

    public int? Integer(string name, bool required = false)
    {
        if (!Present(name, required)) return null;
        if (json[name] is JsonValue value && value.GetValueKind() == JsonValueKind.Number && value.TryGetValue<int>(out var number))
            return number;
        if (json[name] is JsonValue maybe && maybe.GetValueKind() == JsonValueKind.Number
            && maybe.TryGetValue<double>(out var real) && real == Math.Floor(real) && real is >= int.MinValue and <= int.MaxValue)
            return (int)real;
        Fail($"'{prefix}{name}' must be an integer.", name);
        return null;
    }

    public bool? Boolean(string name)
    {
        if (!Present(name, false)) return null;
        if (json[name] is JsonValue value && value.GetValueKind() is JsonValueKind.True or JsonValueKind.False)
            return value.GetValue<bool>();
        Fail($"'{prefix}{name}' must be true or false.", name);
        return null;
    }

    public JsonObject? Object(string name, bool required = false)
    {
        if (!Present(name, required)) return null;
        if (json[name] is JsonObject obj) return obj;
        Fail($"'{prefix}{name}' must be an object.", name);
        return null;
    }

    public IReadOnlyList<string>? StringArray(string name, int maxItems = 100, int maxLength = 128)
    {
        if (!Present(name, false)) return null;
        if (json[name] is JsonArray array && array.Count <= maxItems
            && array.All(item => item is JsonValue v && v.GetValueKind() == JsonValueKind.String && v.GetValue<string>() is { Length: > 0 } text && text.Length <= maxLength))
            return array.Select(item => item!.GetValue<string>()).ToArray();
        Fail($"'{prefix}{name}' must be an array of at most {maxItems} non-empty strings.", name);
        return null;
    }

    public void Fail(string detail, string name) => Error ??= new Refusal(detail, prefix + name);

    // Absent and explicit null both read as "not given".
    private bool Present(string name, bool required)
    {
        if (json.TryGetPropertyValue(name, out var node) && node is not null) return true;
        if (required) Fail($"'{prefix}{name}' is required.", name);
        return false;
    }
}
