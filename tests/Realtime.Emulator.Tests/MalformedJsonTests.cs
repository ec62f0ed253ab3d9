using System.Net;
using System.Net.Http.Headers;
using Realtime.Testing;

namespace Realtime.Emulator.Tests;

/// <summary>
/// A client_secrets body that parses but cannot be trusted (duplicate names, unpaired surrogates, invalid UTF-8)
/// is OpenAI's 400 for an unparseable body, with the fault named after OpenAI's wording; never a 500.
/// </summary>
public sealed class MalformedJsonTests(ListedKeysHost host) : IClassFixture<ListedKeysHost>
{
    [Theory]
    [MemberData(nameof(MalformedJson.Cases), MemberType = typeof(MalformedJson))]
    public async Task A_malformed_client_secrets_body_is_400_naming_the_fault(string fault)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, EmulatorHost.Path) { Content = new ByteArrayContent(MalformedJson.Bytes(fault)) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ListedKeysHost.Key);

        var error = await OpenAIErrorAssert.IsErrorAsync(await host.Client.SendAsync(request), HttpStatusCode.BadRequest, code: null, param: null);

        var message = error.GetProperty("message").GetString()!;
        Assert.StartsWith("We could not parse the JSON body of your request.", message);
        Assert.Contains(MalformedJson.Problem(fault), message);
    }
}
