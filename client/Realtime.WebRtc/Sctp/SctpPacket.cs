using System.Buffers.Binary;

namespace Realtime.WebRtc.Sctp;

/// <summary>
/// An SCTP packet (RFC 9260 §3.1): ports, verification tag, CRC-32c and a list of chunks. Over DTLS
/// (RFC 8261) each packet is exactly one DTLS application-data record.
/// </summary>
internal sealed class SctpPacket(ushort sourcePort, ushort destinationPort, uint verificationTag, List<SctpChunk> chunks)
{
    public const int HeaderLength = 12;

    public ushort SourcePort { get; } = sourcePort;
    public ushort DestinationPort { get; } = destinationPort;
    public uint VerificationTag { get; } = verificationTag;
    public List<SctpChunk> Chunks { get; } = chunks;

    public int EncodedLength => HeaderLength + Chunks.Sum(c => c.EncodedLength);

    public byte[] Encode()
    {
        var bytes = new byte[EncodedLength];
        BinaryPrimitives.WriteUInt16BigEndian(bytes, SourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(2), DestinationPort);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(4), VerificationTag);
        int offset = HeaderLength;
        foreach (SctpChunk chunk in Chunks)
        {
            offset += chunk.Write(bytes.AsSpan(offset));
        }
        SctpChecksum.Stamp(bytes);
        return bytes;
    }

    /// <summary>Parses a packet, rejecting a bad checksum (RFC 9260 §6.8: such packets are silently discarded).</summary>
    public static SctpPacket Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < HeaderLength)
        {
            throw new SctpFormatException("Packet shorter than the common header.");
        }
        if (!SctpChecksum.Verify(bytes))
        {
            throw new SctpFormatException("CRC-32c mismatch.");
        }
        return new SctpPacket(
            BinaryPrimitives.ReadUInt16BigEndian(bytes),
            BinaryPrimitives.ReadUInt16BigEndian(bytes[2..]),
            BinaryPrimitives.ReadUInt32BigEndian(bytes[4..]),
            DecodeChunks(bytes[HeaderLength..]));
    }

    private static List<SctpChunk> DecodeChunks(ReadOnlySpan<byte> data)
    {
        var chunks = new List<SctpChunk>();
        while (data.Length >= SctpChunk.HeaderLength)
        {
            int length = BinaryPrimitives.ReadUInt16BigEndian(data[2..]);
            if (length < SctpChunk.HeaderLength || length > data.Length)
            {
                throw new SctpFormatException($"Chunk of type {data[0]} has bad length {length}.");
            }
            chunks.Add(SctpChunk.Decode(data[0], data[1], data[SctpChunk.HeaderLength..length]));
            data = data[Math.Min(SctpChunk.Pad4(length), data.Length)..];
        }
        return chunks;
    }
}
