using System.Buffers.Binary;

namespace Realtime.WebRtc.Sctp;

/// <summary>
/// The two RE-CONFIG parameters data channels need (RFC 6525 §4.1, §4.4): an Outgoing SSN Reset Request
/// and the Re-configuration Response that answers it.
/// </summary>
internal static class ReconfigParameter
{
    public const uint ResultPerformed = 1;
    public const uint ResultDenied = 2;
    public const uint ResultBadSequenceNumber = 5;
    public const uint ResultInProgress = 6;

    public static SctpTlv OutgoingRequest(uint requestSeq, uint responseSeq, uint lastTsn, IReadOnlyList<ushort> streams)
    {
        var value = new byte[12 + 2 * streams.Count];
        BinaryPrimitives.WriteUInt32BigEndian(value, requestSeq);
        BinaryPrimitives.WriteUInt32BigEndian(value.AsSpan(4), responseSeq);
        BinaryPrimitives.WriteUInt32BigEndian(value.AsSpan(8), lastTsn);
        for (int i = 0; i < streams.Count; i++)
        {
            BinaryPrimitives.WriteUInt16BigEndian(value.AsSpan(12 + 2 * i), streams[i]);
        }
        return new SctpTlv(SctpParameterType.OutgoingResetRequest, value);
    }

    public static (uint RequestSeq, uint LastTsn, ushort[] Streams)? ReadOutgoingRequest(SctpTlv parameter)
    {
        if (parameter.Type != SctpParameterType.OutgoingResetRequest || parameter.Value.Length < 12)
        {
            return null;
        }
        byte[] v = parameter.Value;
        var streams = new ushort[(v.Length - 12) / 2];
        for (int i = 0; i < streams.Length; i++)
        {
            streams[i] = BinaryPrimitives.ReadUInt16BigEndian(v.AsSpan(12 + 2 * i));
        }
        return (BinaryPrimitives.ReadUInt32BigEndian(v), BinaryPrimitives.ReadUInt32BigEndian(v.AsSpan(8)), streams);
    }

    public static SctpTlv Response(uint responseSeq, uint result)
    {
        var value = new byte[8];
        BinaryPrimitives.WriteUInt32BigEndian(value, responseSeq);
        BinaryPrimitives.WriteUInt32BigEndian(value.AsSpan(4), result);
        return new SctpTlv(SctpParameterType.ReconfigResponse, value);
    }

    public static (uint ResponseSeq, uint Result)? ReadResponse(SctpTlv parameter)
    {
        if (parameter.Type != SctpParameterType.ReconfigResponse || parameter.Value.Length < 8)
        {
            return null;
        }
        return (BinaryPrimitives.ReadUInt32BigEndian(parameter.Value), BinaryPrimitives.ReadUInt32BigEndian(parameter.Value.AsSpan(4)));
    }

    /// <summary>Sequence number of a request of any kind, so unsupported ones can still be answered.</summary>
    public static uint? RequestSeqOf(SctpTlv parameter) =>
        parameter.Type is >= 13 and <= 18 and not SctpParameterType.ReconfigResponse && parameter.Value.Length >= 4
            ? BinaryPrimitives.ReadUInt32BigEndian(parameter.Value)
            : null;
}
