using System.Security.Claims;
using Realtime.Api.Auth;

namespace Realtime.Api.Tests.Auth;

public sealed class CallerTests
{
    private static ClaimsPrincipal User(params (string Type, string Value)[] claims) =>
        new(new ClaimsIdentity(claims.Select(c => new Claim(c.Type, c.Value)), "test"));

    [Fact]
    public void Reads_tenant_user_and_watch()
    {
        var caller = Caller.From(User(("sub", "alice"), ("tid", "acme"), ("watch", "ses_1")));

        Assert.Equal(new Caller("acme", "alice", "ses_1"), caller);
        Assert.True(caller.IsWatchOnly);
    }

    [Fact]
    public void Takes_the_first_of_each_claim_and_matches_names_as_FindFirst_does()
    {
        var user = User(("TID", "acme"), ("tid", "other"), ("Sub", "alice"), ("sub", "bob"), ("exp", "1"));

        Assert.Equal(("acme", "alice", (string?)null), Caller.ReadClaims(user));
        Assert.Equal(user.FindFirst("tid")!.Value, Caller.ReadClaims(user).TenantId);
        Assert.Equal(user.FindFirst("sub")!.Value, Caller.ReadClaims(user).UserId);
        Assert.False(Caller.From(user).IsWatchOnly);
    }

    [Fact]
    public void Claims_of_every_identity_count()
    {
        var user = new ClaimsPrincipal([
            new ClaimsIdentity([new Claim("tid", "acme")], "first"),
            new ClaimsIdentity([new Claim("sub", "alice")], "second"),
        ]);

        Assert.Equal(("acme", "alice", (string?)null), Caller.ReadClaims(user));
    }

    [Theory]
    [InlineData("tid")]
    [InlineData("sub")]
    public void A_user_without_tenant_or_subject_is_not_a_caller(string missing)
    {
        var claims = new[] { ("tid", "acme"), ("sub", "alice") }.Where(c => c.Item1 != missing).ToArray();

        var error = Assert.Throws<InvalidOperationException>(() => Caller.From(User(claims)));
        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
    }
}
