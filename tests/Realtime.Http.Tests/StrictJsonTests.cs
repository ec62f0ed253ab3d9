using System.Text;
using System.Text.Json;
using Realtime.Http;

namespace Realtime.Http.Tests;

/// <summary>
/// The strict reader accepts every well-formed document (surrogate pairs, escaped names, large objects) and names
/// the first fault with its JSONPath, whichever way the object is checked for duplicates.
/// </summary>
public sealed class StrictJsonTests
{
    [Theory]
    [InlineData("""{"emoji":"\ud83d\ude00","plain":"😀","accent":"\u00e9","name":1,"n\u0061mes":2}""")]
    [InlineData("""[{"a":1},{"a":2},{"a":{"a":[{"a":null}]}}]""")]
    [InlineData("\"just a string\"")]
    [InlineData("null")]
    public void Well_formed_documents_pass(string json)
    {
        using var document = JsonDocument.Parse(json);
        Assert.Null(StrictJson.FindProblem(document.RootElement));
        _ = StrictJson.ParseNode(Encoding.UTF8.GetBytes(json));
    }

    [Fact]
    public void A_duplicate_in_a_large_object_is_found_too()
    {
        var fields = string.Join(",", Enumerable.Range(0, 40).Select(i => $"\"f{i}\":{i}"));
        using var document = JsonDocument.Parse($"{{\"outer\":[0,{{{fields},\"f7\":true}}]}}");

        Assert.Equal("duplicate property 'f7' at $.outer[1]", StrictJson.FindProblem(document.RootElement));
    }

    [Fact]
    public void A_name_that_is_not_an_identifier_is_quoted_in_the_path()
    {
        using var document = JsonDocument.Parse("""{"a b":{"c":"\udfff"}}""");

        Assert.Equal("the string is an unpaired surrogate escape (\\ud800-\\udfff without its pair) at $['a b'].c",
            StrictJson.FindProblem(document.RootElement));
    }

    [Fact]
    public void Parsing_throws_a_json_exception_naming_the_fault()
    {
        var refused = Assert.Throws<JsonException>(() => StrictJson.ParseNode("""{"x":1,"x":2}"""u8));
        Assert.Equal("duplicate property 'x' at $", refused.Message);
        Assert.ThrowsAny<JsonException>(() => StrictJson.ParseNode("[[1]]"u8, maxDepth: 1));
    }
}
