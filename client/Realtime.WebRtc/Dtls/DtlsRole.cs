namespace Realtime.WebRtc.Dtls;

/// <summary>
/// Which end of the DTLS handshake this peer plays, decided by SDP <c>a=setup</c>: <c>active</c> is the client.
/// It also picks the SCTP stream-id parity for data channels (client even, server odd).
/// </summary>
public enum DtlsRole
{
    Client,
    Server,
}
