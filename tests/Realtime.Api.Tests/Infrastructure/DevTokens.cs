using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Realtime.Api.Tests.Infrastructure;

/// <summary>Gets user JWTs for the dev tenant through POST /dev/token, as the README tells a new user to.</summary>
public static class DevTokens
{
    public static async Task<string> ForAsync(ApiHost host, string user, string? watch = null)
    {
        var body = new JsonObject { ["user"] = user };
        if (watch is not null) body["watch"] = watch;
        using var response = await host.Client.PostAsJsonAsync("/dev/token", body);
        var json = await HttpAssert.OkAsync(response);
        return json["token"]!.GetValue<string>();
    }

    public static string NewUser() => "user-" + Guid.NewGuid().ToString("N")[..12];
}
