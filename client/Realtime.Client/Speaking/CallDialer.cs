using System.Net.Http.Headers;
using System.Text;
using Realtime.Client.Api;

namespace Realtime.Client.Speaking;

/// <summary>
/// Gets the SDP answer for the speaker's offer: through the api (<c>POST /api/sessions/{id}/calls</c>, the api holding
/// the key), or straight at the minted <c>calls_url</c> with the ephemeral secret, as a browser does.
/// </summary>
internal static class CallDialer
{
    public static async Task<string> AnswerAsync(RealtimeApiClient api, HttpClient http, MintedSession minted, string offerSdp, bool serverSide,
        CancellationToken cancellationToken)
    {
        if (serverSide) return await api.CreateCallAsync(minted.SessionId, offerSdp, cancellationToken);
        var callsUrl = minted.CallsUrl ?? throw new InvalidOperationException("The api's mint answer has no calls_url to post the offer to.");
        using var request = new HttpRequestMessage(HttpMethod.Post, callsUrl) { Content = new StringContent(offerSdp, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/sdp");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", minted.ClientSecret);
        using var response = await ProblemReader.SendAsync(http, request, cancellationToken);
        return await response.Content.ReadAsStringAsync(cancellationToken);
    }
}
