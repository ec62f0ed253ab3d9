using System.Net.Http.Headers;
using System.Text;

namespace Realtime.Api.Tests.Infrastructure;

/// <summary>POST /api/sessions/{id}/calls as a browser sends it.</summary>
public static class CallRequests
{
    public const string Offer = "v=0\r\no=- 42 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=setup:actpass\r\nm=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\n";

    public static Task<HttpResponseMessage> PostOfferAsync(ApiHost host, string jwt, string sessionId, string sdp, string contentType = "application/sdp")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/sessions/{sessionId}/calls")
        {
            Content = new StringContent(sdp, Encoding.UTF8, contentType),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", jwt);
        return host.Client.SendAsync(request);
    }
}
