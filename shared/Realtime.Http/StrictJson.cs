using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;

namespace Realtime.Http;

/// <summary>
/// Strict reading of JSON that comes from outside: a duplicate property name, invalid UTF-8 or an unpaired
/// surrogate (<c>"\ud800"</c>) is refused up front with a sentence naming it and where it is. System.Text.Json
/// accepts all three while parsing and fails only when a reader first touches the value, deep in validation,
/// where it becomes a 500. Shared by the emulator's readers and the api's (bodies, upstream answers, hub events).
/// </summary>
public static class StrictJson
{
    public const int DefaultMaxDepth = 64;

    // Objects up to this size are checked for duplicate names pairwise, without allocating.
    private const int PairwiseLimit = 16;

    /// <summary>
    /// Parses one JSON document (a JSON <c>null</c> gives null). Throws <see cref="JsonException"/> whose message
    /// says what is wrong: a syntax error, too deep a nesting, or one of the problems <see cref="FindProblem"/> finds.
    /// </summary>
    public static JsonNode? ParseNode(ReadOnlySpan<byte> utf8, int maxDepth = DefaultMaxDepth)
    {
        var element = JsonElement.Parse(utf8, new JsonDocumentOptions { MaxDepth = maxDepth });
        if (FindProblem(element) is { } problem) throw new JsonException(problem);
        return element.ValueKind switch
        {
            JsonValueKind.Object => JsonObject.Create(element),
            JsonValueKind.Array => JsonArray.Create(element),
            JsonValueKind.Null => null,
            _ => JsonValue.Create(element),
        };
    }

    /// <summary>
    /// Null when every property name is unique within its object and every name and string is well-formed
    /// Unicode; otherwise the first problem, with its JSONPath (<c>$[1].type</c>). Allocates only to report one.
    /// </summary>
    public static string? FindProblem(JsonElement element) =>
        Check(element) is { } failure ? $"{failure.Problem} at {failure.Path()}" : null;

    private static Failure? Check(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => TextProblem(JsonMarshal.GetRawUtf8Value(element), element, default) is { } problem
            ? new Failure($"the string is {problem}")
            : null,
        JsonValueKind.Array => CheckArray(element),
        JsonValueKind.Object => CheckObject(element),
        _ => null,
    };

    private static Failure? CheckArray(JsonElement array)
    {
        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            if (Check(item) is { } failure) return failure.Under($"[{index}]");
            index++;
        }
        return null;
    }

    private static Failure? CheckObject(JsonElement obj)
    {
        var count = 0;
        var escapedNames = false;
        foreach (var property in obj.EnumerateObject())
        {
            var rawName = JsonMarshal.GetRawUtf8PropertyName(property);
            if (TextProblem(rawName, default, property) is { } problem) return new Failure($"a property name is {problem}");
            if (Check(property.Value) is { } failure) return failure.Under(Segment(property.Name));
            escapedNames |= rawName.Contains((byte)'\\');
            count++;
        }
        var duplicate = count <= 1 ? null
            : count <= PairwiseLimit && !escapedNames ? DuplicatePairwise(obj)
            : DuplicateHashed(obj);
        return duplicate is null ? null : new Failure($"duplicate property '{Shorten(duplicate)}'");
    }

    private static string? DuplicatePairwise(JsonElement obj)
    {
        var index = 0;
        foreach (var property in obj.EnumerateObject())
        {
            var name = JsonMarshal.GetRawUtf8PropertyName(property);
            var earlier = 0;
            foreach (var other in obj.EnumerateObject())
            {
                if (earlier++ == index) break;
                if (name.SequenceEqual(JsonMarshal.GetRawUtf8PropertyName(other))) return property.Name;
            }
            index++;
        }
        return null;
    }

    private static string? DuplicateHashed(JsonElement obj)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in obj.EnumerateObject())
        {
            if (!seen.Add(property.Name)) return property.Name;
        }
        return null;
    }

    /// <summary>
    /// Why raw text (a string value or a property name, as written) cannot be decoded, or null. Unescaped text is
    /// checked as UTF-8 in place; only text with escapes is decoded, since an escape may be an unpaired surrogate.
    /// </summary>
    private static string? TextProblem(ReadOnlySpan<byte> raw, JsonElement value, JsonProperty name)
    {
        if (!Utf8.IsValid(raw)) return "not valid UTF-8";
        if (!raw.Contains((byte)'\\')) return null;
        try
        {
            _ = value.ValueKind == JsonValueKind.String ? value.GetString() : name.Name;
            return null;
        }
        catch (InvalidOperationException)
        {
            return "an unpaired surrogate escape (\\ud800-\\udfff without its pair)";
        }
    }

    private static string Segment(string name) =>
        name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') ? "." + name : $"['{Shorten(name)}']";

    // A message echoes names, but never a huge one.
    private static string Shorten(string text) => text.Length <= 64 ? text : text[..64] + "…";

    /// <summary>A problem found deep inside a document; the path is assembled only while reporting it.</summary>
    private sealed class Failure(string problem)
    {
        private readonly List<string> _segments = [];

        public string Problem { get; } = problem;

        public Failure Under(string segment)
        {
            _segments.Add(segment);
            return this;
        }

        public string Path() => "$" + string.Concat(Enumerable.Reverse(_segments));
    }
}
