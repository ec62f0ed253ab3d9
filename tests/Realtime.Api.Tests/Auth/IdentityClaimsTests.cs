using System.Text;
using Microsoft.IdentityModel.Tokens;
using Realtime.Api.Auth;
using Realtime.Api.Tests.Infrastructure;

namespace Realtime.Api.Tests.Auth;

public sealed class IdentityClaimsTests
{
    private static string Token(string payloadJson) =>
        $"{Base64UrlEncoder.Encode("{\"alg\":\"HS256\"}")}.{Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(payloadJson))}.sig";

    [Fact]
    public void Reads_the_identity_of_a_signed_token()
    {
        var claims = IdentityClaims.Read(TestJwt.Create(new string('s', 32), "acme", "alice", watch: "ses_1"));

        Assert.Equal(new IdentityClaims("acme", "alice", "ses_1", null), claims);
    }

    [Theory]
    [InlineData("{\"sub\":\"a\",\"nested\":{\"tid\":\"other\",\"TID\":1},\"list\":[1,{\"tid\":\"x\"}],\"tid\":\"acme\",\"exp\":1}", "acme", "a")]
    [InlineData("{\"t\\u0069d\":\"acme\",\"sub\":\"b\"}", "acme", "b")]
    [InlineData("{\"tid\":\"acme\",\"sub\":\"c\",\"tidx\":\"other\",\"Subject\":\"x\",\"iss\":\"i\",\"aud\":[\"a\",\"b\"]}", "acme", "c")]
    public void Reads_exact_top_level_claims(string payload, string tenantId, string userId)
    {
        var claims = IdentityClaims.Read(Token(payload));

        Assert.Null(claims.Refusal);
        Assert.Equal((tenantId, userId), (claims.TenantId, claims.UserId));
    }

    [Theory]
    [InlineData("{\"TID\":\"tb\",\"tid\":\"ta\",\"sub\":\"victim\"}", "'TID'")]
    [InlineData("{\"tid\":\"ta\",\"Tid\":\"tb\",\"sub\":\"victim\"}", "'Tid'")]
    [InlineData("{\"tid\":\"ta\",\"SUB\":\"victim\",\"sub\":\"a\"}", "'SUB'")]
    [InlineData("{\"tid\":\"ta\",\"sub\":\"a\",\"WATCH\":\"*\"}", "'WATCH'")]
    [InlineData("{\"tid\":\"ta\",\"sub\":\"a\",\"\\u0054id\":\"tb\"}", "'Tid'")]
    [InlineData("{\"tid\":\"ta\",\"tid\":\"tb\",\"sub\":\"a\"}", "tid more than once")]
    [InlineData("{\"tid\":\"ta\",\"t\\u0069d\":\"tb\",\"sub\":\"a\"}", "tid more than once")]
    [InlineData("{\"tid\":\"ta\",\"sub\":\"a\",\"sub\":\"b\"}", "sub more than once")]
    [InlineData("{\"tid\":\"ta\",\"sub\":\"a\",\"watch\":\"*\",\"watch\":\"ses_1\"}", "watch more than once")]
    [InlineData("{\"tid\":[\"ta\",\"tb\"],\"sub\":\"a\"}", "tid claim must be a single string")]
    [InlineData("{\"tid\":\"ta\",\"sub\":[\"a\"]}", "sub claim must be a single string")]
    [InlineData("{\"tid\":\"ta\",\"sub\":\"a\",\"watch\":[\"*\"]}", "watch claim must be a single string")]
    [InlineData("{\"tid\":\"ta\",\"sub\":42}", "sub claim must be a single string")]
    [InlineData("{\"tid\":\"ta\",\"sub\":\"a\",\"watch\":null}", "watch claim must be a single string")]
    [InlineData("{\"tid\":\"ta\",\"sub\":\"a\",\"watch\":{\"id\":\"*\"}}", "watch claim must be a single string")]
    [InlineData("{\"tid\":\"ta\",\"sub\":\"a\",\"exp\":\"9999999999\"}", "exp claim must be a number")]
    [InlineData("{\"tid\":\"ta\",\"sub\":\"a\",\"exp\":1,\"exp\":9999999999}", "exp more than once")]
    [InlineData("{\"sub\":\"a\"}", "no tid claim")]
    [InlineData("{\"tid\":\"ta\"}", "no sub claim")]
    [InlineData("{\"tid\":\"ta\",\"sub\":\" \"}", "no sub claim")]
    [InlineData("{\"tid\":\"Not Valid\",\"sub\":\"a\"}", "not a valid tenant id")]
    [InlineData("[\"tid\"]", "not a well-formed JWT")]
    [InlineData("{\"tid\":", "not a well-formed JWT")]
    public void Refuses_every_ambiguous_identity(string payload, string reason)
    {
        var claims = IdentityClaims.Read(Token(payload));

        Assert.False(claims.IsValid);
        Assert.Contains(reason, claims.Refusal, StringComparison.Ordinal);
        Assert.Null(claims.TenantId);
    }

    [Theory]
    [InlineData("")]
    [InlineData("no-dots")]
    [InlineData("a.b")]
    [InlineData("a..c")]
    [InlineData("a.!!!.c")]
    public void Malformed_tokens_are_refused(string token)
    {
        Assert.Contains("not a well-formed JWT", IdentityClaims.Read(token).Refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void A_large_payload_is_read_from_a_pooled_buffer()
    {
        var payload = $"{{\"pad\":\"{new string('x', 5000)}\",\"tid\":\"acme\",\"sub\":\"a\"}}";

        Assert.Equal("acme", IdentityClaims.Read(Token(payload)).TenantId);
    }
}
