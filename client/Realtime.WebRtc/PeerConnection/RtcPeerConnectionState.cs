namespace Realtime.WebRtc.PeerConnection;

/// <summary>Named like <c>RTCPeerConnectionState</c>: the combined state of ICE, DTLS and SCTP.</summary>
public enum RtcPeerConnectionState
{
    New,

    /// <summary>ICE checking, DTLS handshaking or SCTP associating.</summary>
    Connecting,

    /// <summary>SCTP is established: data channels open.</summary>
    Connected,

    /// <summary>ICE lost consent for a while; it may come back (not fatal; docs/design.md §Calls, pitfalls).</summary>
    Disconnected,

    /// <summary>ICE failed, or DTLS failed (for instance a fingerprint that does not match the remote SDP). Terminal.</summary>
    Failed,

    Closed,
}
