using System.Net.Http.Headers;

namespace Realtime.Api.Tests.Infrastructure;

/// <summary>Mints sessions and calls session endpoints the way a client would.</summary>
public static class SessionCalls
{
    /// <summary>A fresh dev user, their JWT, and a session minted for them.</summary>
    public static async Task<(string Jwt, string SessionId)> MintAsync(ApiHost host, string? user = null)
    {
        var jwt = await DevTokens.ForAsync(host, user ?? DevTokens.NewUser());
        var minted = await HttpAssert.OkAsync(await host.RequestTokenAsync(jwt));
        return (jwt, minted["session_id"]!.GetValue<string>());
    }

    public static Task<HttpResponseMessage> PostAsync(ApiHost host, string jwt, string path) => SendAsync(host, jwt, HttpMethod.Post, path);

    public static Task<HttpResponseMessage> GetAsync(ApiHost host, string jwt, string path) => SendAsync(host, jwt, HttpMethod.Get, path);

    private static Task<HttpResponseMessage> SendAsync(ApiHost host, string jwt, HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", jwt);
        return host.Client.SendAsync(request);
    }
}
