using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Realtime.Api.Tests.Infrastructure;

namespace Realtime.Api.Tests.Tokens;

/// <summary>Every malformed token request is a clear problem+json answer, never a 500, and spends no budget.</summary>
[Collection(DevCollection.Name)]
public sealed class BodyValidationTests(DevApiHost host)
{
    [Theory]
    [InlineData("{\"ttl_seconds\": 59}", "ttl_seconds")]
    [InlineData("{\"ttl_seconds\": 601}", "ttl_seconds")]
    [InlineData("{\"ttl_seconds\": \"300\"}", "ttl_seconds")]
    [InlineData("{\"ttl_seconds\": 1.5}", "ttl_seconds")]
    [InlineData("{\"type\": \"video\"}", "type")]
    [InlineData("{\"type\": 3}", "type")]
    [InlineData("{\"model\": [\"gpt-realtime\"]}", "model")]
    [InlineData("{\"instructions\": false}", "instructions")]
    [InlineData("{\"session\": \"realtime\"}", "session")]
    [InlineData("{\"session\": {\"type\": \"transcription\"}, \"type\": \"realtime\"}", "session.type")]
    [InlineData("{\"session\": {\"model\": \"a\"}, \"model\": \"b\"}", "session.model")]
    [InlineData("{\"ttl\": 300}", "ttl")]
    public async Task Wrong_fields_are_400_naming_the_field(string body, string param)
    {
        var response = await PostRawAsync(body, "application/json");
        var problem = await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(param, problem["param"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("{\"session\": {\"foo\": 1}}", "session.foo")]
    [InlineData("{\"session\": {\"type\": \"realtime\", \"temperature\": 0.8}}", "session.temperature")]
    [InlineData("{\"session\": {\"type\": \"realtime\", \"voice\": \"marin\"}}", "session.voice")]
    [InlineData("{\"session\": {\"audio\": {\"video\": {}}}}", "session.audio.video")]
    [InlineData("{\"session\": {\"audio\": {\"input\": {\"foo\": 1}}}}", "session.audio.input.foo")]
    [InlineData("{\"session\": {\"audio\": {\"output\": {\"bar\": true}}}}", "session.audio.output.bar")]
    [InlineData("{\"session\": {\"audio\": {\"input\": {\"transcription\": {\"model\": \"whisper-1\", \"temperature\": 0}}}}}", "session.audio.input.transcription.temperature")]
    [InlineData("{\"session\": {\"type\": \"transcription\", \"instructions\": \"x\"}}", "session.instructions")]
    [InlineData("{\"session\": {\"type\": \"transcription\", \"model\": \"gpt-4o-transcribe\"}}", "session.model")]
    [InlineData("{\"session\": {\"type\": \"transcription\", \"audio\": {\"output\": {}}}}", "session.audio.output")]
    public async Task Session_fields_outside_the_GA_session_are_400_naming_the_full_path(string body, string param)
    {
        var problem = await HttpAssert.ProblemAsync(await PostRawAsync(body, "application/json"), HttpStatusCode.BadRequest);
        Assert.Equal(param, problem["param"]!.GetValue<string>());
        Assert.StartsWith($"Unknown field '{param}'.", problem["detail"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("{\"session\": {\"audio\": \"loud\"}}", "session.audio")]
    [InlineData("{\"session\": {\"audio\": {\"input\": []}}}", "session.audio.input")]
    [InlineData("{\"session\": {\"audio\": {\"input\": {\"transcription\": {\"model\": 5}}}}}", "session.audio.input.transcription.model")]
    public async Task Mistyped_session_objects_are_400_naming_the_full_path(string body, string param)
    {
        var problem = await HttpAssert.ProblemAsync(await PostRawAsync(body, "application/json"), HttpStatusCode.BadRequest);
        Assert.Equal(param, problem["param"]!.GetValue<string>());
    }

    [Fact]
    public async Task Every_GA_session_field_is_accepted()
    {
        const string realtime = """
            {"session": {"type": "realtime", "model": "gpt-realtime", "instructions": "Be brief.", "output_modalities": ["audio"],
              "audio": {"input": {"format": {"type": "audio/pcm", "rate": 24000}, "noise_reduction": {"type": "near_field"},
                                  "transcription": {"model": "gpt-4o-transcribe", "language": "en", "prompt": "names"},
                                  "turn_detection": {"type": "server_vad", "threshold": 0.5}},
                        "output": {"format": {"type": "audio/pcm"}, "voice": "marin", "speed": 1.0}},
              "include": ["item.input_audio_transcription.logprobs"], "tracing": "auto", "tools": [], "tool_choice": "auto",
              "max_output_tokens": "inf", "truncation": "auto", "prompt": null, "parallel_tool_calls": false, "reasoning": {"effort": "low"}}}
            """;
        const string transcription = """
            {"session": {"type": "transcription", "include": ["item.input_audio_transcription.logprobs"],
              "audio": {"input": {"format": {"type": "audio/pcm", "rate": 24000}, "noise_reduction": null,
                                  "transcription": {"model": "whisper-1", "language": "en"}, "turn_detection": null}}}}
            """;
        await HttpAssert.OkAsync(await PostRawAsync(realtime, "application/json"));
        await HttpAssert.OkAsync(await PostRawAsync(transcription, "application/json"));
    }

    [Theory]
    [InlineData("{\"ttl_seconds\": ")]
    [InlineData("not json")]
    [InlineData("[1, 2]")]
    public async Task Invalid_json_is_400(string body)
    {
        await HttpAssert.ProblemAsync(await PostRawAsync(body, "application/json"), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_body_over_64_KiB_is_413()
    {
        var big = "{\"instructions\": \"" + new string('x', 70 * 1024) + "\"}";
        await HttpAssert.ProblemAsync(await PostRawAsync(big, "application/json"), HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task A_chunked_body_over_64_KiB_is_413_too()
    {
        var big = "{\"instructions\": \"" + new string('x', 70 * 1024) + "\"}";
        var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(big)));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json");
        var jwt = await DevTokens.ForAsync(host, DevTokens.NewUser());
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/realtime-token") { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", jwt);
        request.Headers.TransferEncodingChunked = true;
        await HttpAssert.ProblemAsync(await host.Client.SendAsync(request), HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task A_non_json_content_type_is_415()
    {
        await HttpAssert.ProblemAsync(await PostRawAsync("ttl_seconds=300", "application/x-www-form-urlencoded"), HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task Refused_bodies_spend_no_budget()
    {
        var jwt = await DevTokens.ForAsync(host, DevTokens.NewUser());
        for (var i = 0; i < 12; i++)
            await HttpAssert.ProblemAsync(await PostRawAsync("{\"ttl_seconds\": 5}", "application/json", jwt), HttpStatusCode.BadRequest);
        for (var i = 0; i < 10; i++) await HttpAssert.OkAsync(await host.RequestTokenAsync(jwt));
    }

    [Fact]
    public async Task An_empty_body_takes_the_defaults()
    {
        var json = await HttpAssert.OkAsync(await PostRawAsync("", "application/json"));
        Assert.Equal("gpt-realtime", json["model"]!.GetValue<string>());
    }

    private async Task<HttpResponseMessage> PostRawAsync(string body, string contentType, string? jwt = null)
    {
        jwt ??= await DevTokens.ForAsync(host, DevTokens.NewUser());
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/realtime-token")
        {
            Content = new StringContent(body, Encoding.UTF8, contentType),
        };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", jwt);
        return await host.Client.SendAsync(request);
    }
}
