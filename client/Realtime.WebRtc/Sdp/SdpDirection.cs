namespace Realtime.WebRtc.Sdp;

/// <summary>Media direction attributes; an absent one means send and receive.</summary>
public enum SdpDirection
{
    SendRecv,
    SendOnly,
    RecvOnly,
    Inactive,
}
