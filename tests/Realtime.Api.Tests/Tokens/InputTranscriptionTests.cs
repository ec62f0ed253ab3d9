using System.Text.Json.Nodes;
using Realtime.Api.Tests.Infrastructure;

namespace Realtime.Api.Tests.Tokens;

/// <summary>
/// GA transcribes the speaker only when the session asks, so the session the api sends upstream carries the tenant's
/// input transcription unless the tenant turned it off or the caller chose its own.
/// </summary>
[Collection(StubbedCollection.Name)]
public sealed class InputTranscriptionTests(StubbedApiHost host)
{
    [Fact]
    public async Task A_realtime_session_goes_upstream_with_input_transcription_on()
    {
        var body = await MintAsync(await ProvisionAsync());

        var transcription = body["session"]!["audio"]!["input"]!["transcription"]!;
        Assert.Equal("gpt-4o-mini-transcribe", transcription["model"]!.GetValue<string>());
        Assert.Null(transcription["language"]);
    }

    [Fact]
    public async Task The_tenants_model_and_language_go_upstream()
    {
        var jwt = await ProvisionAsync(new { model = "gpt-4o-transcribe", language = "pt-BR" });

        var transcription = (await MintAsync(jwt))["session"]!["audio"]!["input"]!["transcription"]!;

        Assert.Equal("gpt-4o-transcribe", transcription["model"]!.GetValue<string>());
        Assert.Equal("pt-BR", transcription["language"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_tenant_that_disables_transcription_sends_none()
    {
        var body = await MintAsync(await ProvisionAsync(new { enabled = false }));

        Assert.Equal("realtime", body["session"]!["type"]!.GetValue<string>());
        Assert.Null(body["session"]!["audio"]?["input"]?["transcription"]);
    }

    [Fact]
    public async Task The_callers_own_transcription_wins_and_keeps_its_other_input_fields()
    {
        var jwt = await ProvisionAsync();
        var request = new
        {
            session = new
            {
                type = "realtime",
                audio = new { input = new { transcription = new { model = "whisper-1" }, noise_reduction = new { type = "near_field" } } },
            },
        };

        var input = (await MintAsync(jwt, request))["session"]!["audio"]!["input"]!;

        Assert.Equal("whisper-1", input["transcription"]!["model"]!.GetValue<string>());
        Assert.Equal("near_field", input["noise_reduction"]!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_tenants_transcription_joins_the_callers_other_audio_settings()
    {
        var jwt = await ProvisionAsync();
        var request = new { session = new { type = "realtime", audio = new { output = new { voice = "marin" } } } };

        var audio = (await MintAsync(jwt, request))["session"]!["audio"]!;

        Assert.Equal("marin", audio["output"]!["voice"]!.GetValue<string>());
        Assert.Equal("gpt-4o-mini-transcribe", audio["input"]!["transcription"]!["model"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_transcription_session_keeps_its_own_model()
    {
        var body = await MintAsync(await ProvisionAsync(), new { type = "transcription" });

        Assert.Equal("gpt-4o-transcribe", body["session"]!["audio"]!["input"]!["transcription"]!["model"]!.GetValue<string>());
    }

    private async Task<string> ProvisionAsync(object? transcription = null)
    {
        var tenant = "tr-" + Guid.NewGuid().ToString("N")[..10];
        var secret = await host.ProvisionTenantAsync(tenant, new { concurrent_sessions = 10 }, transcription: transcription);
        return TestJwt.Create(secret, tenant, "una");
    }

    private async Task<JsonObject> MintAsync(string jwt, object? request = null)
    {
        var before = host.Upstream.Bodies.Count;
        await HttpAssert.OkAsync(await host.RequestTokenAsync(jwt, request));
        Assert.Equal(before + 1, host.Upstream.Bodies.Count);
        return host.Upstream.Bodies.Last();
    }
}
