using System.Text;

namespace Realtime.Testing;

/// <summary>
/// JSON that parses yet cannot be trusted: a duplicate property, invalid UTF-8 (raw bytes, in a value or a name,
/// including an encoded surrogate) and unpaired surrogate escapes. Each case is a complete object whose one field,
/// <c>name</c>, carries the fault, with the phrase the refusal must contain. Shared by each suite that sends them.
/// </summary>
public static class MalformedJson
{
    public static TheoryData<string> Cases => new(Table.Keys);

    /// <summary>The UTF-8 bytes of the case, ready for a <c>ByteArrayContent</c>.</summary>
    public static byte[] Bytes(string name) => Table[name].Bytes;

    /// <summary>What the refusal must say.</summary>
    public static string Problem(string name) => Table[name].Problem;

    private static readonly Dictionary<string, (byte[] Bytes, string Problem)> Table = new()
    {
        ["duplicate property"] = (Ascii("""{"name":"a","name":"b"}"""), "duplicate property 'name'"),
        ["duplicate property spelled with an escape"] = (Ascii("""{"name":"a","n\u0061me":"b"}"""), "duplicate property 'name'"),
        ["nested duplicate property"] = (Ascii("""{"name":{"x":1,"y":2,"x":3}}"""), "duplicate property 'x'"),
        ["lone high surrogate escape"] = (Ascii("""{"name":"a\ud800b"}"""), "unpaired surrogate"),
        ["lone low surrogate escape"] = (Ascii("""{"name":"\udc00"}"""), "unpaired surrogate"),
        ["lone surrogate escape in a name"] = (Ascii("""{"name":1,"\ud800":2}"""), "unpaired surrogate"),
        ["invalid UTF-8"] = (Raw("{\"name\":\"a", [0xFF, 0xFE], "\"}"), "not valid UTF-8"),
        ["UTF-8 encoded surrogate"] = (Raw("{\"name\":\"a", [0xED, 0xA0, 0x80], "\"}"), "not valid UTF-8"),
        ["invalid UTF-8 in a name"] = (Raw("{\"name\":1,\"", [0xC3], "\":2}"), "not valid UTF-8"),
    };

    private static byte[] Ascii(string json) => Encoding.ASCII.GetBytes(json);

    private static byte[] Raw(string before, byte[] bad, string after) => [.. Ascii(before), .. bad, .. Ascii(after)];
}
