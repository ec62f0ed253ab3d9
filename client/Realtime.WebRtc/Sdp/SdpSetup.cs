namespace Realtime.WebRtc.Sdp;

/// <summary><c>a=setup</c> (RFC 4145, 8842): which side starts DTLS. Active is the DTLS client.</summary>
public enum SdpSetup
{
    ActPass,
    Active,
    Passive,
    HoldConn,
}
