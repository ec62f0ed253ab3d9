using System.Security.Claims;
using Realtime.Api.Auth;

namespace Realtime.Api.Tests.Auth;

public sealed class CallerTests
{
    [Fact]
    public void The_caller_is_the_one_the_token_handler_authenticated()
    {
        var caller = new Caller("acme", "alice", "ses_1");
        var user = new ClaimsPrincipal(new CallerIdentity(caller));

        Assert.Same(caller, Caller.From(user));
        Assert.True(Caller.From(user).IsWatchOnly);
        Assert.Equal("alice", user.Identity!.Name);
        Assert.True(user.Identity.IsAuthenticated);
        Assert.Equal("acme", user.FindFirst(ClaimNames.Tenant)?.Value);
    }

    [Fact]
    public void Claims_of_any_other_identity_are_never_read_as_a_caller()
    {
        // Whatever claims another identity carries, in whatever case, they do not make a caller.
        var user = new ClaimsPrincipal(new ClaimsIdentity([new Claim("tid", "acme"), new Claim("TID", "other"), new Claim("sub", "alice")], "test"));

        var error = Assert.Throws<InvalidOperationException>(() => Caller.From(user));
        Assert.Contains("not authenticated by a tenant's user token", error.Message, StringComparison.Ordinal);
    }
}
