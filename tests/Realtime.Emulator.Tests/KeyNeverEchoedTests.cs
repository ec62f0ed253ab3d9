using System.Net;

namespace Realtime.Emulator.Tests;

/// <summary>No error body ever carries the key the caller sent, whatever went wrong.</summary>
public sealed class KeyNeverEchoedTests(ListedKeysHost host) : IClassFixture<ListedKeysHost>
{
    [Theory]
    [InlineData("sk-wrong-but-long-key-abcdefghijklmnop")]
    [InlineData("sk-short")]
    [InlineData("sk-123456789")]
    [InlineData("ek_AbCdEfGhIjKlMnOpQrStUvWxYz012345")]
    [InlineData("not-a-key-at-all-0000000000000000000000")]
    public async Task Refused_key_is_never_in_the_error_body(string key)
    {
        var response = await host.PostAsync(key);
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("invalid_api_key", text);
        Assert.DoesNotContain(key, text);
        // Not even most of it: at most the first 3 and last 4 characters may show.
        Assert.DoesNotContain(key[..^4], text);
        Assert.DoesNotContain(key[3..], text);
    }

    [Theory]
    [InlineData("{ nope")]
    [InlineData("""{ "ttl_seconds": 60 }""")]
    [InlineData("""{ "expires_after": { "anchor": "created_at", "seconds": 1 } }""")]
    [InlineData("""{ "session": { "type": "beta" } }""")]
    public async Task Accepted_key_is_never_in_a_body_error(string body)
    {
        var response = await host.PostAsync(ListedKeysHost.Key, body);
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain(ListedKeysHost.Key, text);
        Assert.DoesNotContain(ListedKeysHost.Key[3..^4], text);
    }

    [Fact]
    public async Task Accepted_key_is_never_in_a_beta_refusal()
    {
        var response = await host.PostAsync(ListedKeysHost.Key, "{}", ("OpenAI-Beta", "realtime=v1"));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain(ListedKeysHost.Key, text);
    }
}
