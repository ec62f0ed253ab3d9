using Realtime.WebRtc.PeerConnection;

namespace Realtime.WebRtc.Tests.PeerConnection;

/// <summary>The offer/answer exchange a signalling server would carry, done in process.</summary>
internal static class Signalling
{
    public static (RtcSessionDescription Offer, RtcSessionDescription Answer) Exchange(RtcPeerConnection offerer, RtcPeerConnection answerer)
    {
        RtcSessionDescription offer = offerer.CreateOffer();
        offerer.SetLocalDescription(offer);
        answerer.SetRemoteDescription(offer);
        RtcSessionDescription answer = answerer.CreateAnswer();
        answerer.SetLocalDescription(answer);
        offerer.SetRemoteDescription(answer);
        return (offer, answer);
    }
}
