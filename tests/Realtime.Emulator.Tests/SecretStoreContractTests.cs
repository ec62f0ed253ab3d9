using System.Net;
using System.Text.Json.Nodes;

namespace Realtime.Emulator.Tests;

/// <summary>
/// A secret minted over HTTP is remembered with its expiry and session, valid until expires_at and
/// not after: what the calls endpoint will rely on. This class moves its own host's clock.
/// </summary>
public sealed class SecretStoreContractTests(ListedKeysHost host) : IClassFixture<ListedKeysHost>
{
    [Fact]
    public async Task Minted_secret_is_valid_until_its_expiry_and_not_at_or_after_it()
    {
        var (value, expiresAt, session) = await MintAsync(seconds: 60);
        var expiry = DateTimeOffset.FromUnixTimeSeconds(expiresAt);

        Assert.True(host.Store.TryGetValid(value, host.Time.GetUtcNow(), out var secret));
        Assert.Equal(expiry, secret.ExpiresAt);
        Assert.Equal((string?)session["id"], (string?)secret.Session["id"]);
        Assert.Equal("gpt-realtime", (string?)secret.Session["model"]);

        Assert.True(host.Store.TryGetValid(value, expiry.AddTicks(-1), out _));
        Assert.False(host.Store.TryGetValid(value, expiry, out _));
        Assert.False(host.Store.TryGetValid(value, expiry.AddHours(1), out _));
    }

    [Fact]
    public async Task Secret_expires_when_the_injected_clock_passes_expires_at()
    {
        var (value, expiresAt, _) = await MintAsync(seconds: 10);

        host.Time.Advance(TimeSpan.FromSeconds(9));
        Assert.True(host.Store.TryGetValid(value, host.Time.GetUtcNow(), out _));

        host.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(host.Time.GetUtcNow().ToUnixTimeSeconds() >= expiresAt);
        Assert.False(host.Store.TryGetValid(value, host.Time.GetUtcNow(), out _));
    }

    [Fact]
    public async Task Expires_at_follows_the_injected_clock()
    {
        host.Time.Advance(TimeSpan.FromDays(3));
        var (_, expiresAt, _) = await MintAsync(seconds: 7200);

        Assert.Equal(host.Time.GetUtcNow().ToUnixTimeSeconds() + 7200, expiresAt);
    }

    [Fact]
    public async Task Transcription_secret_remembers_its_session_type()
    {
        var response = await host.PostAsync(ListedKeysHost.Key, """{ "session": { "type": "transcription" } }""");
        var value = (string)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["value"]!;

        Assert.True(host.Store.TryGetValid(value, host.Time.GetUtcNow(), out var secret));
        Assert.Equal("transcription", (string?)secret.Session["type"]);
        Assert.Equal("realtime.transcription_session", (string?)secret.Session["object"]);
    }

    [Fact]
    public void Unknown_or_made_up_secret_is_not_valid()
    {
        Assert.False(host.Store.TryGetValid("ek_never-minted-0000000000000000", host.Time.GetUtcNow(), out var secret));
        Assert.Null(secret);
        Assert.False(host.Store.TryGetValid("", host.Time.GetUtcNow(), out _));
    }

    private async Task<(string Value, long ExpiresAt, JsonObject Session)> MintAsync(int seconds)
    {
        var response = await host.PostAsync(ListedKeysHost.Key, $$"""{ "expires_after": { "anchor": "created_at", "seconds": {{seconds}} } }""");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return ((string)body["value"]!, (long)body["expires_at"]!, body["session"]!.AsObject());
    }
}
