using System.Net;
using System.Text.Json.Nodes;

namespace Realtime.Emulator.Tests;

/// <summary>Every refusal of <c>POST /v1/realtime/client_secrets</c>, in OpenAI's error shape.</summary>
public sealed class ClientSecretsErrorTests(ListedKeysHost host) : IClassFixture<ListedKeysHost>
{
    private const string UnlistedKey = "sk-not-a-listed-key-00000000000000001";

    [Fact]
    public async Task Missing_authorization_is_401_without_a_code()
    {
        var error = await OpenAIErrorAssert.IsErrorAsync(await host.PostAsync(key: null), HttpStatusCode.Unauthorized, code: null, param: null);

        Assert.StartsWith("You didn't provide an API key", error.GetProperty("message").GetString());
    }

    [Theory]
    [InlineData("Basic c2stdGVzdDo=")]
    [InlineData("Bearer")]
    [InlineData("Bearer    ")]
    [InlineData(ListedKeysHost.Key)]
    public async Task Authorization_that_is_not_a_bearer_token_counts_as_missing(string header)
    {
        var response = await host.PostAsync(key: null, "{}", ("Authorization", header));

        await OpenAIErrorAssert.IsErrorAsync(response, HttpStatusCode.Unauthorized, code: null, param: null);
    }

    [Fact]
    public async Task Unlisted_key_is_401_invalid_api_key_with_a_masked_key()
    {
        var error = await OpenAIErrorAssert.IsErrorAsync(await host.PostAsync(UnlistedKey), HttpStatusCode.Unauthorized, "invalid_api_key", null);

        var message = error.GetProperty("message").GetString()!;
        Assert.StartsWith("Incorrect API key provided: sk-*", message);
        Assert.Contains("0001", message);
        Assert.DoesNotContain(UnlistedKey, message);
    }

    [Fact]
    public async Task A_minted_ephemeral_secret_is_not_a_platform_key()
    {
        var minted = JsonNode.Parse(await (await host.PostAsync(ListedKeysHost.Key)).Content.ReadAsStringAsync())!;
        var ephemeral = (string)minted["value"]!;

        var response = await host.PostAsync(ephemeral);

        await OpenAIErrorAssert.IsErrorAsync(response, HttpStatusCode.Unauthorized, "invalid_api_key", null);
    }

    [Fact]
    public async Task The_key_is_checked_before_the_body()
    {
        await OpenAIErrorAssert.IsErrorAsync(await host.PostAsync(UnlistedKey, "{not json"), HttpStatusCode.Unauthorized, "invalid_api_key", null);
    }

    [Theory]
    [InlineData("realtime=v1")]
    [InlineData("assistants=v2, realtime=v1")]
    [InlineData("REALTIME=V1")]
    public async Task Beta_header_is_400_beta_api_shape_disabled(string beta)
    {
        var response = await host.PostAsync(ListedKeysHost.Key, "{}", ("OpenAI-Beta", beta));

        await OpenAIErrorAssert.IsErrorAsync(response, HttpStatusCode.BadRequest, "beta_api_shape_disabled", null);
    }

    [Fact]
    public async Task Unparseable_json_is_400_with_openai_message()
    {
        var error = await OpenAIErrorAssert.IsErrorAsync(await host.PostAsync(ListedKeysHost.Key, """{ "session": """), HttpStatusCode.BadRequest, null, null);

        Assert.StartsWith("We could not parse the JSON body of your request.", error.GetProperty("message").GetString());
    }

    [Theory]
    [InlineData(new byte[] { 0x7B, 0x22, 0xFF, 0xFE, 0x22, 0x3A, 0x31, 0x7D })] // {"\xFF\xFE":1}
    [InlineData(new byte[] { 0x7B, 0x22, 0x73, 0x65, 0x73, 0x73, 0x69, 0x6F, 0x6E, 0x22, 0x3A, 0x7B, 0x22, 0x74, 0x79, 0x70, 0x65, 0x22, 0x3A, 0x22, 0xC3, 0x22, 0x7D, 0x7D })] // {"session":{"type":"\xC3"}}
    public async Task Body_that_is_not_utf8_is_unparseable(byte[] body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, EmulatorHost.Path) { Content = new ByteArrayContent(body) };
        request.Headers.Authorization = new("Bearer", ListedKeysHost.Key);

        await OpenAIErrorAssert.IsErrorAsync(await host.Client.SendAsync(request), HttpStatusCode.BadRequest, null, null);
    }

    [Theory]
    // The body itself
    [InlineData("""{ "a": 1, "a": 2 }""", null, null)]
    [InlineData("""{ "session": { "type": "realtime", "audio": { "x": 1, "x": 2 } } }""", null, null)]
    [InlineData("""{ "session": { "type": "realtime", "instructions": "\uD800" } }""", null, null)]
    [InlineData("""{ "\uDC00": 1 }""", null, null)]
    [InlineData("""{ "session": { "type": "realtime", "tools": [ { "name": "\uDBFFx" } ] } }""", null, null)]
    [InlineData("[]", "invalid_type", null)]
    [InlineData("null", "invalid_type", null)]
    [InlineData("\"realtime\"", "invalid_type", null)]
    // Unknown top-level fields, the seed guide's pre-GA ones included (docs/design.md §Seed guide)
    [InlineData("""{ "ttl_seconds": 60 }""", "unknown_parameter", "ttl_seconds")]
    [InlineData("""{ "model": "gpt-realtime" }""", "unknown_parameter", "model")]
    [InlineData("""{ "session": { "type": "realtime" }, "client_secret": {} }""", "unknown_parameter", "client_secret")]
    // expires_after
    [InlineData("""{ "expires_after": 600 }""", "invalid_type", "expires_after")]
    [InlineData("""{ "expires_after": null }""", "invalid_type", "expires_after")]
    [InlineData("""{ "expires_after": { "anchor": "now", "seconds": 60 } }""", "invalid_value", "expires_after.anchor")]
    [InlineData("""{ "expires_after": { "anchor": 1 } }""", "invalid_type", "expires_after.anchor")]
    [InlineData("""{ "expires_after": { "anchor": "created_at", "ttl": 60 } }""", "unknown_parameter", "expires_after.ttl")]
    [InlineData("""{ "expires_after": { "anchor": "created_at", "seconds": 9 } }""", "integer_below_min_value", "expires_after.seconds")]
    [InlineData("""{ "expires_after": { "anchor": "created_at", "seconds": -5 } }""", "integer_below_min_value", "expires_after.seconds")]
    [InlineData("""{ "expires_after": { "anchor": "created_at", "seconds": 7201 } }""", "integer_above_max_value", "expires_after.seconds")]
    [InlineData("""{ "expires_after": { "anchor": "created_at", "seconds": 99999999999999999999999 } }""", "integer_above_max_value", "expires_after.seconds")]
    [InlineData("""{ "expires_after": { "anchor": "created_at", "seconds": "60" } }""", "invalid_type", "expires_after.seconds")]
    [InlineData("""{ "expires_after": { "anchor": "created_at", "seconds": 60.5 } }""", "invalid_type", "expires_after.seconds")]
    [InlineData("""{ "expires_after": { "anchor": "created_at", "seconds": 1e3 } }""", "invalid_type", "expires_after.seconds")]
    [InlineData("""{ "expires_after": { "anchor": "created_at", "seconds": null } }""", "invalid_type", "expires_after.seconds")]
    // session
    [InlineData("""{ "session": "realtime" }""", "invalid_type", "session")]
    [InlineData("""{ "session": [] }""", "invalid_type", "session")]
    [InlineData("""{ "session": {} }""", "missing_required_parameter", "session.type")]
    [InlineData("""{ "session": { "model": "gpt-realtime" } }""", "missing_required_parameter", "session.type")]
    [InlineData("""{ "session": { "type": "conversation" } }""", "invalid_value", "session.type")]
    [InlineData("""{ "session": { "type": 1 } }""", "invalid_type", "session.type")]
    [InlineData("""{ "session": { "type": "realtime", "model": 5 } }""", "invalid_type", "session.model")]
    [InlineData("""{ "session": { "type": "realtime", "model": "" } }""", "string_too_short", "session.model")]
    [InlineData("""{ "session": { "type": "realtime", "instructions": ["a"] } }""", "invalid_type", "session.instructions")]
    [InlineData("""{ "session": { "type": "realtime", "audio": "pcm" } }""", "invalid_type", "session.audio")]
    [InlineData("""{ "session": { "type": "realtime", "tools": {} } }""", "invalid_type", "session.tools")]
    [InlineData("""{ "session": { "type": "realtime", "output_modalities": "audio" } }""", "invalid_type", "session.output_modalities")]
    [InlineData("""{ "session": { "type": "transcription", "include": "logprobs" } }""", "invalid_type", "session.include")]
    // Beta-only session fields that GA refuses
    [InlineData("""{ "session": { "type": "realtime", "modalities": ["audio", "text"] } }""", "unknown_parameter", "session.modalities")]
    [InlineData("""{ "session": { "type": "realtime", "temperature": 0.8 } }""", "unknown_parameter", "session.temperature")]
    [InlineData("""{ "session": { "type": "realtime", "voice": "alloy" } }""", "unknown_parameter", "session.voice")]
    [InlineData("""{ "session": { "type": "transcription", "input_audio_transcription": { "model": "whisper-1" } } }""", "unknown_parameter", "session.input_audio_transcription")]
    // Any field GA does not have, at any depth of the session (the same GA lists as session.update)
    [InlineData("""{ "session": { "type": "realtime", "future_knob": true } }""", "unknown_parameter", "session.future_knob")]
    [InlineData("""{ "session": { "type": "realtime", "id": "sess_mine" } }""", "unknown_parameter", "session.id")]
    [InlineData("""{ "session": { "type": "realtime", "object": "something" } }""", "unknown_parameter", "session.object")]
    [InlineData("""{ "session": { "type": "realtime", "audio": { "input": { "format": { "type": "audio/pcm", "rate": 24000 }, "gain": 2 } } } }""", "unknown_parameter", "session.audio.input.gain")]
    [InlineData("""{ "session": { "type": "realtime", "audio": { "output": { "voice": "marin", "pitch": 1 } } } }""", "unknown_parameter", "session.audio.output.pitch")]
    [InlineData("""{ "session": { "type": "realtime", "audio": { "video": {} } } }""", "unknown_parameter", "session.audio.video")]
    [InlineData("""{ "session": { "type": "transcription", "instructions": "x" } }""", "unknown_parameter", "session.instructions")]
    [InlineData("""{ "session": { "type": "transcription", "audio": { "output": { "voice": "marin" } } } }""", "unknown_parameter", "session.audio.output")]
    public async Task Invalid_body_is_400_naming_the_param(string body, string? code, string? param)
    {
        await OpenAIErrorAssert.IsErrorAsync(await host.PostAsync(ListedKeysHost.Key, body), HttpStatusCode.BadRequest, code, param);
    }

    [Fact]
    public async Task Body_over_one_mebibyte_with_a_length_is_413()
    {
        var response = await host.PostAsync(ListedKeysHost.Key, OversizedBody());

        await OpenAIErrorAssert.IsErrorAsync(response, HttpStatusCode.RequestEntityTooLarge, "request_too_large", null);
    }

    [Fact]
    public async Task Chunked_body_over_one_mebibyte_is_413()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, EmulatorHost.Path) { Content = new UnknownLengthContent(OversizedBody()) };
        request.Headers.Authorization = new("Bearer", ListedKeysHost.Key);

        var response = await host.Client.SendAsync(request);

        Assert.Null(request.Content.Headers.ContentLength);
        await OpenAIErrorAssert.IsErrorAsync(response, HttpStatusCode.RequestEntityTooLarge, "request_too_large", null);
    }

    [Fact]
    public async Task Body_just_under_the_cap_is_read()
    {
        // Whitespace padding keeps it valid JSON, so only the size is being tested.
        var body = "{}" + new string(' ', (1 << 20) - 2);

        var response = await host.PostAsync(ListedKeysHost.Key, body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static string OversizedBody() =>
        new JsonObject { ["session"] = new JsonObject { ["type"] = "realtime", ["instructions"] = new string('x', (1 << 20) + 1) } }.ToJsonString();
}
