using System.Text;
using Microsoft.IdentityModel.Tokens;
using Realtime.Api.Auth;
using Realtime.Api.Tests.Infrastructure;

namespace Realtime.Api.Tests.Auth;

public sealed class JwtTenantReaderTests
{
    private static string Token(string payloadJson) =>
        $"{Base64UrlEncoder.Encode("{\"alg\":\"HS256\"}")}.{Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(payloadJson))}.sig";

    [Fact]
    public void Reads_the_tid_of_a_signed_token()
    {
        Assert.Equal("acme", JwtTenantReader.TenantIdOf(TestJwt.Create(new string('s', 32), "acme", "alice")));
    }

    [Theory]
    [InlineData("{\"sub\":\"a\",\"nested\":{\"tid\":\"other\"},\"list\":[1,{\"tid\":\"x\"}],\"tid\":\"acme\"}", "acme")]
    [InlineData("{\"t\\u0069d\":\"acme\"}", "acme")]
    [InlineData("{\"sub\":\"a\"}", null)]
    [InlineData("{\"tid\":42}", null)]
    [InlineData("{\"tid\":\"Not Valid\"}", null)]
    [InlineData("[\"tid\"]", null)]
    [InlineData("{\"tid\":", null)]
    public void Reads_only_a_valid_top_level_tid(string payload, string? expected)
    {
        Assert.Equal(expected, JwtTenantReader.TenantIdOf(Token(payload)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("no-dots")]
    [InlineData("a.b")]
    [InlineData("a..c")]
    [InlineData("a.!!!.c")]
    public void Malformed_tokens_have_no_tenant(string token)
    {
        Assert.Null(JwtTenantReader.TenantIdOf(token));
    }

    [Fact]
    public void A_large_payload_is_read_from_a_pooled_buffer()
    {
        var payload = $"{{\"pad\":\"{new string('x', 5000)}\",\"tid\":\"acme\"}}";

        Assert.Equal("acme", JwtTenantReader.TenantIdOf(Token(payload)));
    }
}
