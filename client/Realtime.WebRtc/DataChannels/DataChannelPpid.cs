namespace Realtime.WebRtc.DataChannels;

/// <summary>
/// SCTP payload protocol identifiers of WebRTC (RFC 8831 §8). SCTP cannot carry an empty message, so an
/// empty string or binary message travels as one byte with its own PPID.
/// </summary>
internal static class DataChannelPpid
{
    public const uint Dcep = 50;
    public const uint String = 51;
    public const uint BinaryPartial = 52; // Deprecated, still accepted.
    public const uint Binary = 53;
    public const uint StringPartial = 54; // Deprecated, still accepted.
    public const uint StringEmpty = 56;
    public const uint BinaryEmpty = 57;

    public static bool IsEmpty(uint ppid) => ppid is StringEmpty or BinaryEmpty;

    public static bool IsBinary(uint ppid) => ppid is Binary or BinaryPartial or BinaryEmpty;

    public static bool IsUserData(uint ppid) => ppid is String or BinaryPartial or Binary or StringPartial or StringEmpty or BinaryEmpty;
}
