using System.Buffers.Text;
using System.Text.Json;

namespace Realtime.Benchmarks.Captions;

/// <summary>
/// The few records of SignalR's JSON hub protocol a benchmark viewer sends and reads (each ends with 0x1E). Read
/// without deserializing: a viewer only needs a record's type and, for a <c>Caption</c> invocation, the stamp its
/// text starts with, so the load generator's cost per update stays a byte scan.
/// </summary>
public static class HubRecords
{
    public const byte Separator = 0x1E;

    public const int Invocation = 1;
    public const int Completion = 3;
    public const int Ping = 6;
    public const int Close = 7;

    public static ReadOnlyMemory<byte> Handshake { get; } = "{\"protocol\":\"json\",\"version\":1}\u001e"u8.ToArray();

    public static ReadOnlyMemory<byte> PingRecord { get; } = "{\"type\":6}\u001e"u8.ToArray();

    /// <summary>An invocation with id "1" whose completion the caller waits for.</summary>
    public static byte[] InvocationOf(string target, params object?[] arguments) =>
        [.. JsonSerializer.SerializeToUtf8Bytes(new { type = Invocation, invocationId = "1", target, arguments }), Separator];

    /// <summary>The record's message type, or 0 for one without (the handshake answer, <c>{}</c> or <c>{"error":…}</c>).</summary>
    public static int TypeOf(ReadOnlySpan<byte> record)
    {
        var at = record.IndexOf("\"type\":"u8);
        return at >= 0 && Utf8Parser.TryParse(record[(at + 7)..], out int type, out _) ? type : 0;
    }

    /// <summary>Whether a handshake answer or a completion carries an error (JSON escaping keeps the key unambiguous).</summary>
    public static bool HasError(ReadOnlySpan<byte> record) => record.IndexOf("\"error\":"u8) >= 0;

    /// <summary>The stamp a <c>Caption</c> invocation's text starts with (<see cref="CaptionStamp"/>).</summary>
    public static bool TryReadCaptionStamp(ReadOnlySpan<byte> invocation, out long stamp)
    {
        stamp = 0;
        if (invocation.IndexOf("\"target\":\"Caption\""u8) < 0) return false;
        var at = invocation.IndexOf("\"text\":\""u8);
        return at >= 0 && Utf8Parser.TryParse(invocation[(at + 8)..], out stamp, out _);
    }
}
