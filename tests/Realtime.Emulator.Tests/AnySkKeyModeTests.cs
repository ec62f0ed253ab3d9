using System.Net;

namespace Realtime.Emulator.Tests;

/// <summary>With no <c>Emulator:ApiKeys</c> listed, any <c>sk-</c> key works and nothing else does.</summary>
public sealed class AnySkKeyModeTests(AnySkKeyHost host) : IClassFixture<AnySkKeyHost>
{
    [Theory]
    [InlineData("sk-a")]
    [InlineData("sk-proj-whatever-the-developer-has")]
    public async Task Any_sk_key_is_accepted(string key)
    {
        var response = await host.PostAsync(key);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("{\"value\":\"ek_", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("sk-")]
    [InlineData("SK-uppercase-prefix")]
    [InlineData("pk-live-0123456789abcdef")]
    [InlineData("ek_0123456789abcdefghijklmnop")]
    public async Task Other_keys_are_401_invalid_api_key(string key)
    {
        await OpenAIErrorAssert.IsErrorAsync(await host.PostAsync(key), HttpStatusCode.Unauthorized, "invalid_api_key", null);
    }

    [Fact]
    public async Task Missing_key_is_still_refused()
    {
        await OpenAIErrorAssert.IsErrorAsync(await host.PostAsync(key: null), HttpStatusCode.Unauthorized, null, null);
    }
}
