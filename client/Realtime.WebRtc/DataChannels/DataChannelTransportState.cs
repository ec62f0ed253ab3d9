namespace Realtime.WebRtc.DataChannels;

/// <summary>Where the DTLS + SCTP stack under the data channels stands.</summary>
public enum DataChannelTransportState
{
    New,
    /// <summary>DTLS handshaking or SCTP associating.</summary>
    Connecting,
    /// <summary>SCTP established: channels can open.</summary>
    Connected,
    Closed,
    Failed,
}
