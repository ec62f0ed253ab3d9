using System.Text.Json;
using System.Text.Json.Nodes;

namespace Realtime.Emulator.Errors;

/// <summary>Names JSON kinds the way OpenAI's type errors do ("expected an integer, but got a string instead").</summary>
internal static class JsonKinds
{
    public static JsonValueKind Of(JsonNode? node) => node?.GetValueKind() ?? JsonValueKind.Null;

    public static string Describe(JsonNode? node) => Of(node) switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => IsIntegerLiteral(node!) ? "an integer" : "a decimal number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    public static string Expected(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        _ => "a boolean",
    };

    /// <summary>True for a number written without fraction or exponent, however large.</summary>
    public static bool IsIntegerLiteral(JsonNode number) => number.ToJsonString().AsSpan().IndexOfAny('.', 'e', 'E') < 0;
}
