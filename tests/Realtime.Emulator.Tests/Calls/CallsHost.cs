using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;

namespace Realtime.Emulator.Tests.Calls;

/// <summary>An emulator host with helpers for <c>/v1/realtime/calls</c>: mint a secret, post an offer.</summary>
public sealed class CallsHost() : EmulatorHost(ListedKeysHost.Key)
{
    public const string CallsPath = "/v1/realtime/calls";

    public Realtime.Emulator.Calls.RealtimeCallRegistry Calls => Services.GetRequiredService<Realtime.Emulator.Calls.RealtimeCallRegistry>();

    public async Task<string> MintSecretAsync(int seconds = 600)
    {
        using var response = await PostAsync(ListedKeysHost.Key, $$$"""{"expires_after":{"anchor":"created_at","seconds":{{{seconds}}}},"session":{"type":"realtime","instructions":"Be brief."}}""");
        response.EnsureSuccessStatusCode();
        return (string)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["value"]!;
    }

    /// <summary>A secret for the session in <paramref name="requestJson"/> (a whole client_secrets request body).</summary>
    public async Task<string> MintSecretAsync(string requestJson)
    {
        using var response = await PostAsync(ListedKeysHost.Key, requestJson);
        response.EnsureSuccessStatusCode();
        return (string)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["value"]!;
    }

    public Task<HttpResponseMessage> PostOfferAsync(string? secret, string sdp) =>
        SendAsync(secret, new StringContent(sdp, Encoding.UTF8, "application/sdp"));

    public Task<HttpResponseMessage> PostFormAsync(string? secret, string sdp, string? session)
    {
        var form = new MultipartFormDataContent { { new StringContent(sdp, Encoding.UTF8, "application/sdp"), "sdp" } };
        if (session is not null) form.Add(new StringContent(session, Encoding.UTF8, "application/json"), "session");
        return SendAsync(secret, form);
    }

    public Task<HttpResponseMessage> HangUpAsync(string secret, string location)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, location + "/hangup");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return Client.SendAsync(request);
    }

    private Task<HttpResponseMessage> SendAsync(string? secret, HttpContent content)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, CallsPath) { Content = content };
        if (secret is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return Client.SendAsync(request);
    }
}
