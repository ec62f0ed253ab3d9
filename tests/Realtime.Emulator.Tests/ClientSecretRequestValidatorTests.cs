using System.Text.Json.Nodes;
using Realtime.Emulator.ClientSecrets;

namespace Realtime.Emulator.Tests;

/// <summary>The validator is pure: JSON in, request or error out, no host needed.</summary>
public sealed class ClientSecretRequestValidatorTests
{
    [Fact]
    public void Empty_object_gets_the_defaults()
    {
        var outcome = ClientSecretRequestValidator.Validate(new JsonObject());

        Assert.Null(outcome.Error);
        Assert.Equal(600, outcome.Value!.ExpiresAfterSeconds);
        Assert.Equal("realtime", outcome.Value.SessionType);
        Assert.Equal("gpt-realtime", (string?)outcome.Value.Session["model"]);
    }

    [Fact]
    public void Valid_body_keeps_the_session_as_a_private_copy()
    {
        var body = JsonNode.Parse("""
            { "expires_after": { "anchor": "created_at", "seconds": 30 },
              "session": { "type": "transcription", "audio": { "input": { "transcription": { "model": "whisper-1" } } } } }
            """)!;

        var outcome = ClientSecretRequestValidator.Validate(body);
        body["session"]!["type"] = "realtime";

        Assert.Equal(30, outcome.Value!.ExpiresAfterSeconds);
        Assert.Equal("transcription", outcome.Value.SessionType);
    }

    [Fact]
    public void Seed_guide_body_is_refused_for_its_ttl_seconds()
    {
        var outcome = ClientSecretRequestValidator.Validate(JsonNode.Parse("""{ "ttl_seconds": 300, "session": { "type": "realtime" } }"""));

        Assert.Null(outcome.Value);
        Assert.Equal(("unknown_parameter", "ttl_seconds", 400), (outcome.Error!.Code, outcome.Error.Param, outcome.Error.Status));
    }

    [Fact]
    public void First_problem_wins_in_document_order()
    {
        var outcome = ClientSecretRequestValidator.Validate(JsonNode.Parse("""{ "zzz": 1, "aaa": 2 }"""));

        Assert.Equal("zzz", outcome.Error!.Param);
    }

    [Fact]
    public void Json_null_body_is_a_type_error()
    {
        var outcome = ClientSecretRequestValidator.Validate(null);

        Assert.Equal("invalid_type", outcome.Error!.Code);
        Assert.Contains("got null", outcome.Error.Message);
    }

    [Fact]
    public void Range_error_names_the_bounds_and_the_value()
    {
        var outcome = ClientSecretRequestValidator.Validate(JsonNode.Parse("""{ "expires_after": { "anchor": "created_at", "seconds": 9000 } }"""));

        Assert.Equal("integer_above_max_value", outcome.Error!.Code);
        Assert.Contains("<= 7200", outcome.Error.Message);
        Assert.Contains("9000", outcome.Error.Message);
    }
}
