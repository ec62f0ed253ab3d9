using Realtime.Emulator.Auth;

namespace Realtime.Emulator.Tests;

public sealed class ApiKeyMaskTests
{
    [Fact]
    public void Long_key_shows_only_its_first_3_and_last_4_characters()
    {
        Assert.Equal("sk-**********************wxyz", ApiKeyMask.Mask("sk-abcdefghijklmnopqrstuvwxyz"));
    }

    [Theory]
    [InlineData("sk-short")]
    [InlineData("sk-0123456789ab")]
    [InlineData("")]
    public void Short_key_is_masked_entirely(string key)
    {
        var masked = ApiKeyMask.Mask(key);

        Assert.Equal(key.Length, masked.Length);
        Assert.All(masked, c => Assert.Equal('*', c));
    }
}
