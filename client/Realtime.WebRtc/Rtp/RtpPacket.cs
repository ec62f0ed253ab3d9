using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;

namespace Realtime.WebRtc.Rtp;

/// <summary>
/// One RTP packet (RFC 3550 §5.1) as values: parsing never throws, so a receive loop drops garbage with a
/// boolean; serializing checks the fields a caller could have set out of range.
/// </summary>
public sealed class RtpPacket
{
    private const int FixedHeader = 12;
    private const int MaxCsrcs = 15;

    public bool Marker { get; init; }
    public byte PayloadType { get; init; }
    public ushort SequenceNumber { get; init; }
    public uint Timestamp { get; init; }
    public uint Ssrc { get; init; }
    public IReadOnlyList<uint> Csrcs { get; init; } = [];
    public RtpHeaderExtension? Extension { get; init; }
    public ReadOnlyMemory<byte> Payload { get; init; }

    /// <summary>Padding octets after the payload, the last of which holds the count (RFC 3550 §5.1 P bit); 0 for none.</summary>
    public byte PaddingLength { get; init; }

    /// <summary>Header octets: fixed part, CSRCs and extension.</summary>
    public int HeaderLength => FixedHeader + 4 * Csrcs.Count + (Extension is null ? 0 : 4 + Extension.Data.Length);

    /// <summary>Parses a version-2 packet; false for anything truncated or inconsistent.</summary>
    public static bool TryParse(ReadOnlySpan<byte> data, [NotNullWhen(true)] out RtpPacket? packet)
    {
        packet = null;
        if (data.Length < FixedHeader || data[0] >> 6 != 2)
        {
            return false;
        }
        int csrcCount = data[0] & 0x0F;
        int offset = FixedHeader + 4 * csrcCount;
        if (data.Length < offset || !TryReadExtension(data, ref offset, out RtpHeaderExtension? extension)
            || !TryReadPadding(data, offset, out byte padding))
        {
            return false;
        }
        packet = new RtpPacket
        {
            Marker = (data[1] & 0x80) != 0,
            PayloadType = (byte)(data[1] & 0x7F),
            SequenceNumber = BinaryPrimitives.ReadUInt16BigEndian(data[2..]),
            Timestamp = BinaryPrimitives.ReadUInt32BigEndian(data[4..]),
            Ssrc = BinaryPrimitives.ReadUInt32BigEndian(data[8..]),
            Csrcs = ReadCsrcs(data, csrcCount),
            Extension = extension,
            Payload = data[offset..(data.Length - padding)].ToArray(),
            PaddingLength = padding,
        };
        return true;
    }

    /// <summary>The packet on the wire.</summary>
    public byte[] Serialize()
    {
        Validate();
        var output = new byte[HeaderLength + Payload.Length + PaddingLength];
        output[0] = (byte)(0x80 | (PaddingLength > 0 ? 0x20 : 0) | (Extension is null ? 0 : 0x10) | Csrcs.Count);
        output[1] = (byte)((Marker ? 0x80 : 0) | PayloadType);
        BinaryPrimitives.WriteUInt16BigEndian(output.AsSpan(2), SequenceNumber);
        BinaryPrimitives.WriteUInt32BigEndian(output.AsSpan(4), Timestamp);
        BinaryPrimitives.WriteUInt32BigEndian(output.AsSpan(8), Ssrc);
        int offset = WriteCsrcsAndExtension(output);
        Payload.Span.CopyTo(output.AsSpan(offset));
        if (PaddingLength > 0)
        {
            output[^1] = PaddingLength;
        }
        return output;
    }

    private void Validate()
    {
        if (PayloadType > 127 || Csrcs.Count > MaxCsrcs)
        {
            throw new ArgumentException($"RTP payload type must be 0–127 and at most {MaxCsrcs} CSRCs (got {PayloadType}, {Csrcs.Count}).");
        }
        if (Extension is { } extension && (extension.Data.Length % 4 != 0 || extension.Data.Length > 4 * ushort.MaxValue))
        {
            throw new ArgumentException("An RTP header extension is a whole number of 32-bit words.");
        }
    }

    private int WriteCsrcsAndExtension(byte[] output)
    {
        int offset = FixedHeader;
        foreach (uint csrc in Csrcs)
        {
            BinaryPrimitives.WriteUInt32BigEndian(output.AsSpan(offset), csrc);
            offset += 4;
        }
        if (Extension is { } extension)
        {
            BinaryPrimitives.WriteUInt16BigEndian(output.AsSpan(offset), extension.Profile);
            BinaryPrimitives.WriteUInt16BigEndian(output.AsSpan(offset + 2), (ushort)(extension.Data.Length / 4));
            extension.Data.Span.CopyTo(output.AsSpan(offset + 4));
            offset += 4 + extension.Data.Length;
        }
        return offset;
    }

    private static uint[] ReadCsrcs(ReadOnlySpan<byte> data, int count)
    {
        var csrcs = new uint[count];
        for (int i = 0; i < count; i++)
        {
            csrcs[i] = BinaryPrimitives.ReadUInt32BigEndian(data[(FixedHeader + 4 * i)..]);
        }
        return csrcs;
    }

    private static bool TryReadExtension(ReadOnlySpan<byte> data, ref int offset, out RtpHeaderExtension? extension)
    {
        extension = null;
        if ((data[0] & 0x10) == 0)
        {
            return true;
        }
        if (data.Length < offset + 4)
        {
            return false;
        }
        int length = 4 * BinaryPrimitives.ReadUInt16BigEndian(data[(offset + 2)..]);
        if (data.Length < offset + 4 + length)
        {
            return false;
        }
        extension = new RtpHeaderExtension(BinaryPrimitives.ReadUInt16BigEndian(data[offset..]), data.Slice(offset + 4, length).ToArray());
        offset += 4 + length;
        return true;
    }

    private static bool TryReadPadding(ReadOnlySpan<byte> data, int payloadStart, out byte padding)
    {
        padding = (data[0] & 0x20) == 0 || data.Length == payloadStart ? (byte)0 : data[^1];
        bool claimed = (data[0] & 0x20) != 0;
        return !claimed || (padding > 0 && data.Length - payloadStart >= padding);
    }
}
