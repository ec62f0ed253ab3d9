namespace Realtime.WebRtc.DataChannels;

/// <summary>The browser's <c>RTCDataChannelState</c>.</summary>
public enum DataChannelState
{
    Connecting,
    Open,
    Closing,
    Closed,
}
