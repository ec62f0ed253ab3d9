namespace Realtime.WebRtc.PeerConnection;

/// <summary>The browser's <c>RTCSdpType</c>, limited to what a one-shot offer/answer exchange uses.</summary>
public enum RtcSdpType
{
    Offer,
    Answer,
}
