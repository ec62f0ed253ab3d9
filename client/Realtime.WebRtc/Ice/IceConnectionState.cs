namespace Realtime.WebRtc.Ice;

/// <summary>The agent's overall state, named like <c>RTCIceConnectionState</c>.</summary>
public enum IceConnectionState
{
    /// <summary>Nothing sent or received yet.</summary>
    New,

    /// <summary>Checks are under way; no pair selected yet.</summary>
    Checking,

    /// <summary>A pair is selected and consent is fresh.</summary>
    Connected,

    /// <summary>A pair is selected but nothing has proved the peer alive for a while; it may still recover.</summary>
    Disconnected,

    /// <summary>No pair within the connect timeout, or consent expired (30 s of silence). Terminal: nothing more is sent.</summary>
    Failed,

    /// <summary>Closed by the application.</summary>
    Closed,
}
