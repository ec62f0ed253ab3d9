namespace Realtime.WebRtc.Sdp;

/// <summary>Spelling of the enum-valued attributes.</summary>
internal static class SdpTokens
{
    public static SdpSetup? ParseSetup(string? value) => value switch
    {
        "actpass" => SdpSetup.ActPass,
        "active" => SdpSetup.Active,
        "passive" => SdpSetup.Passive,
        "holdconn" => SdpSetup.HoldConn,
        _ => null,
    };

    public static string Format(SdpSetup setup) => setup switch
    {
        SdpSetup.ActPass => "actpass",
        SdpSetup.Active => "active",
        SdpSetup.Passive => "passive",
        _ => "holdconn",
    };

    public static SdpDirection? ParseDirection(string name) => name switch
    {
        "sendrecv" => SdpDirection.SendRecv,
        "sendonly" => SdpDirection.SendOnly,
        "recvonly" => SdpDirection.RecvOnly,
        "inactive" => SdpDirection.Inactive,
        _ => null,
    };

    public static string Format(SdpDirection direction) => direction switch
    {
        SdpDirection.SendRecv => "sendrecv",
        SdpDirection.SendOnly => "sendonly",
        SdpDirection.RecvOnly => "recvonly",
        _ => "inactive",
    };
}
