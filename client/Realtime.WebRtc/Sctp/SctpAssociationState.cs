namespace Realtime.WebRtc.Sctp;

/// <summary>Association states of RFC 9260 §4.</summary>
public enum SctpAssociationState
{
    Closed,
    CookieWait,
    CookieEchoed,
    Established,
    ShutdownPending,
    ShutdownSent,
    ShutdownReceived,
    ShutdownAckSent,
}
