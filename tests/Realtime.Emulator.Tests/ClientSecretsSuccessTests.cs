using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Realtime.Emulator.Tests;

/// <summary>The 200 answer of <c>POST /v1/realtime/client_secrets</c>, against OpenAI's GA shape (docs/design.md §Minting).</summary>
public sealed class ClientSecretsSuccessTests(ListedKeysHost host) : IClassFixture<ListedKeysHost>
{
    private long Now => host.Time.GetUtcNow().ToUnixTimeSeconds();

    [Fact]
    public async Task Realtime_session_answers_value_expiry_and_described_session()
    {
        var response = await host.PostAsync(ListedKeysHost.Key, """
            { "expires_after": { "anchor": "created_at", "seconds": 120 },
              "session": { "type": "realtime", "model": "gpt-realtime-mini", "instructions": "Be brief." } }
            """);

        var body = await OkJsonAsync(response);
        AssertSecretValue(body);
        Assert.Equal(Now + 120, body["expires_at"]!.GetValue<long>());
        var session = body["session"]!.AsObject();
        Assert.Equal("realtime", (string?)session["type"]);
        Assert.Equal("realtime.session", (string?)session["object"]);
        Assert.Matches("^sess_[A-Za-z0-9]{16,}$", (string?)session["id"]);
        Assert.Equal("gpt-realtime-mini", (string?)session["model"]);
        Assert.Equal("Be brief.", (string?)session["instructions"]);
    }

    [Fact]
    public async Task Empty_object_defaults_to_600_seconds_and_a_gpt_realtime_session()
    {
        var body = await OkJsonAsync(await host.PostAsync(ListedKeysHost.Key, "{}"));

        Assert.Equal(Now + 600, body["expires_at"]!.GetValue<long>());
        Assert.Equal("realtime", (string?)body["session"]!["type"]);
        Assert.Equal("realtime.session", (string?)body["session"]!["object"]);
        Assert.Equal("gpt-realtime", (string?)body["session"]!["model"]);
    }

    [Fact]
    public async Task Empty_body_is_taken_as_an_empty_object()
    {
        var body = await OkJsonAsync(await host.PostAsync(ListedKeysHost.Key, body: null));

        Assert.Equal(Now + 600, body["expires_at"]!.GetValue<long>());
        AssertSecretValue(body);
    }

    [Fact]
    public async Task Expires_after_without_seconds_defaults_to_600()
    {
        var body = await OkJsonAsync(await host.PostAsync(ListedKeysHost.Key, """{ "expires_after": { "anchor": "created_at" } }"""));

        Assert.Equal(Now + 600, body["expires_at"]!.GetValue<long>());
    }

    [Theory]
    [InlineData(10)]
    [InlineData(7200)]
    public async Task Seconds_at_the_bounds_are_accepted(int seconds)
    {
        var body = await OkJsonAsync(await host.PostAsync(ListedKeysHost.Key,
            $$"""{ "expires_after": { "anchor": "created_at", "seconds": {{seconds}} } }"""));

        Assert.Equal(Now + seconds, body["expires_at"]!.GetValue<long>());
    }

    [Fact]
    public async Task Realtime_session_without_model_gets_gpt_realtime()
    {
        var body = await OkJsonAsync(await host.PostAsync(ListedKeysHost.Key, """{ "session": { "type": "realtime" } }"""));

        Assert.Equal("gpt-realtime", (string?)body["session"]!["model"]);
    }

    [Fact]
    public async Task Transcription_session_is_a_transcription_session_object_with_its_audio_echoed()
    {
        var body = await OkJsonAsync(await host.PostAsync(ListedKeysHost.Key, """
            { "session": { "type": "transcription",
                           "audio": { "input": { "transcription": { "model": "gpt-4o-transcribe", "language": "en" } } },
                           "include": ["item.input_audio_transcription.logprobs"] } }
            """));

        var session = body["session"]!.AsObject();
        Assert.Equal("transcription", (string?)session["type"]);
        Assert.Equal("realtime.transcription_session", (string?)session["object"]);
        Assert.StartsWith("sess_", (string?)session["id"]);
        Assert.Equal("gpt-4o-transcribe", (string?)session["audio"]!["input"]!["transcription"]!["model"]);
        Assert.Equal("item.input_audio_transcription.logprobs", (string?)session["include"]![0]);
        Assert.False(session.ContainsKey("model"), "a transcription session has no top-level model unless one was sent");
    }

    [Fact]
    public async Task Every_session_field_sent_is_in_the_effective_session()
    {
        var sent = JsonNode.Parse("""
            { "type": "realtime", "instructions": "Speak slowly.", "output_modalities": ["audio"],
              "audio": { "input": { "format": { "type": "audio/pcm", "rate": 24000 },
                                    "turn_detection": { "type": "server_vad", "threshold": 0.5 } },
                         "output": { "voice": "marin" } },
              "tools": [], "tool_choice": "auto", "max_output_tokens": "inf" }
            """)!.AsObject();

        var body = await OkJsonAsync(await host.PostAsync(ListedKeysHost.Key, new JsonObject { ["session"] = sent.DeepClone() }.ToJsonString()));

        var session = body["session"]!.AsObject();
        AssertHolds(sent, session, "session");
        // The defaults OpenAI fills in beside what was sent.
        Assert.Equal(1.0, (double)session["audio"]!["output"]!["speed"]!);
        Assert.Equal("audio/pcm", (string?)session["audio"]!["output"]!["format"]!["type"]);
    }

    [Fact]
    public async Task The_answer_holds_OpenAIs_effective_defaults_and_anchor_may_be_omitted()
    {
        var body = await OkJsonAsync(await host.PostAsync(ListedKeysHost.Key,
            """{ "expires_after": { "seconds": 120 }, "session": { "type": "realtime" } }"""));

        Assert.Equal(host.Time.GetUtcNow().ToUnixTimeSeconds() + 120, (long)body["expires_at"]!);
        var session = body["session"]!;
        Assert.Equal(["audio"], session["output_modalities"]!.AsArray().Select(m => (string)m!));
        Assert.Equal("audio/pcm", (string?)session["audio"]!["input"]!["format"]!["type"]);
        Assert.Equal(24000, (int)session["audio"]!["output"]!["format"]!["rate"]!);
        Assert.Equal("alloy", (string?)session["audio"]!["output"]!["voice"]);
        Assert.Equal("server_vad", (string?)session["audio"]!["input"]!["turn_detection"]!["type"]);
        Assert.Null(session["audio"]!["input"]!["transcription"]);
        Assert.Equal("auto", (string?)session["tool_choice"]);
        Assert.Equal("inf", (string?)session["max_output_tokens"]);
    }

    private static void AssertHolds(JsonNode? sent, JsonNode? actual, string path)
    {
        if (sent is JsonObject fields)
        {
            foreach (var (name, value) in fields) AssertHolds(value, actual?[name], $"{path}.{name}");
            return;
        }
        Assert.True(JsonNode.DeepEquals(sent, actual), $"{path} was not kept as sent");
    }

    [Fact]
    public async Task Each_mint_gives_a_new_secret_and_session_id()
    {
        var first = await OkJsonAsync(await host.PostAsync(ListedKeysHost.Key));
        var second = await OkJsonAsync(await host.PostAsync(ListedKeysHost.OtherKey));

        Assert.NotEqual((string?)first["value"], (string?)second["value"]);
        Assert.NotEqual((string?)first["session"]!["id"], (string?)second["session"]!["id"]);
    }

    [Fact]
    public async Task Lowercase_bearer_scheme_and_other_beta_headers_are_accepted()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, EmulatorHost.Path) { Content = new StringContent("{}") };
        request.Headers.TryAddWithoutValidation("Authorization", $"bearer {ListedKeysHost.Key}");
        request.Headers.TryAddWithoutValidation("OpenAI-Beta", "assistants=v2");

        AssertSecretValue(await OkJsonAsync(await host.Client.SendAsync(request)));
    }

    private static void AssertSecretValue(JsonObject body) =>
        Assert.Matches("^ek_[A-Za-z0-9_-]{24,}$", (string?)body["value"]);

    private static async Task<JsonObject> OkJsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"expected 200, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(JsonValueKind.Number, JsonDocument.Parse(text).RootElement.GetProperty("expires_at").ValueKind);
        return JsonNode.Parse(text)!.AsObject();
    }
}
