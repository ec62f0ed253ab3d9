namespace Realtime.WebRtc.Dtls;

/// <summary>Lifecycle of a <see cref="DtlsEndpoint"/>, mirroring the browser's <c>RTCDtlsTransportState</c>.</summary>
public enum DtlsState
{
    New,
    Connecting,
    Connected,
    Closed,
    Failed,
}
