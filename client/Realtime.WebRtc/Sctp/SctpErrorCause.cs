using System.Text;

namespace Realtime.WebRtc.Sctp;

/// <summary>Error cause codes (RFC 9260 §3.3.10) and their readable form for ABORT reasons.</summary>
internal static class SctpErrorCause
{
    public const ushort StaleCookie = 3;
    public const ushort UnrecognizedChunkType = 6;
    public const ushort UnrecognizedParameters = 8;
    public const ushort UserInitiatedAbort = 12;
    public const ushort ProtocolViolation = 13;

    public static SctpTlv UserAbort(string reason) => new(UserInitiatedAbort, Encoding.UTF8.GetBytes(reason));

    public static string Describe(IReadOnlyList<SctpTlv> causes) => causes.Count == 0
        ? "no cause given"
        : string.Join("; ", causes.Select(Describe));

    private static string Describe(SctpTlv cause) => cause.Type switch
    {
        UserInitiatedAbort or ProtocolViolation => $"cause {cause.Type}: {Encoding.UTF8.GetString(cause.Value)}",
        _ => $"cause {cause.Type}",
    };
}
