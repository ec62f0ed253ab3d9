namespace Realtime.WebRtc.PeerConnection;

/// <summary>The browser's <c>RTCSessionDescriptionInit</c>: a type and the SDP text as it goes over signalling.</summary>
public sealed record RtcSessionDescription(RtcSdpType Type, string Sdp);
