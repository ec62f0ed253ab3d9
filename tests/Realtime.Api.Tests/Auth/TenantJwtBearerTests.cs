using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Realtime.Api.Auth;

namespace Realtime.Api.Tests.Auth;

public sealed class TenantJwtBearerTests
{
    private static MessageReceivedContext Received(string path)
    {
        var http = new DefaultHttpContext();
        http.Request.Path = path;
        http.Request.Headers.Authorization = "Bearer sk-not-a-jwt";
        var scheme = new AuthenticationScheme(JwtBearerDefaults.AuthenticationScheme, null, typeof(JwtBearerHandler));
        return new MessageReceivedContext(http, scheme, new JwtBearerOptions());
    }

    [Theory]
    [InlineData("/v1/realtime/client_secrets")]
    [InlineData("/v1/realtime/calls")]
    public void The_emulators_openai_routes_are_not_authenticated_as_user_jwts(string path)
    {
        var context = Received(path);

        Assert.True(TenantJwtBearer.SkipsOpenAIRoute(context));
        Assert.True(context.Result?.None);
    }

    [Theory]
    [InlineData("/api/realtime-token")]
    [InlineData("/hubs/captions")]
    [InlineData("/v1/realtimeish")]
    public void Every_other_route_is(string path)
    {
        var context = Received(path);

        Assert.False(TenantJwtBearer.SkipsOpenAIRoute(context));
        Assert.Null(context.Result);
    }
}
