namespace Realtime.WebRtc.Sctp;

/// <summary>Parameter and error-cause codes this stack reads or writes (RFC 9260 §3.3, §3.3.10; RFC 6525; RFC 3758; RFC 5061).</summary>
internal static class SctpParameterType
{
    public const ushort HeartbeatInfo = 1;
    public const ushort Ipv4Address = 5;
    public const ushort Ipv6Address = 6;
    public const ushort StateCookie = 7;
    public const ushort UnrecognizedParameter = 8;
    public const ushort CookiePreservative = 9;
    public const ushort SupportedAddressTypes = 12;
    public const ushort OutgoingResetRequest = 13;
    public const ushort ReconfigResponse = 16;
    public const ushort EcnCapable = 0x8000;
    public const ushort ZeroChecksumAcceptable = 0x8001;
    public const ushort SupportedExtensions = 0x8008;
    public const ushort ForwardTsnSupported = 0xC000;

    public static bool IsKnown(ushort type) => type is Ipv4Address or Ipv6Address or StateCookie or CookiePreservative
        or SupportedAddressTypes or EcnCapable or ZeroChecksumAcceptable or SupportedExtensions or ForwardTsnSupported;
}
