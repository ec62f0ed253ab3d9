using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Realtime.WebRtc.Sctp;

/// <summary>
/// The State Cookie of INIT-ACK (RFC 9260 §5.1.3): everything needed to build the association when the
/// COOKIE-ECHO comes back, signed with a per-association secret so it cannot be forged. Tie-tags carry
/// the tags of an existing association so a restart can be told from a collision (§5.2.4).
/// </summary>
internal sealed record SctpStateCookie(
    uint LocalTag, uint LocalInitialTsn,
    uint PeerTag, uint PeerInitialTsn, uint PeerReceiverWindow, ushort PeerOutboundStreams, ushort PeerInboundStreams,
    bool PeerForwardTsn, bool PeerReconfig,
    uint TieLocal, uint TiePeer, long CreatedMilliseconds)
{
    private const int BodyLength = 41;
    private const int MacLength = 32;

    public byte[] Seal(ReadOnlySpan<byte> key)
    {
        var bytes = new byte[BodyLength + MacLength];
        Span<byte> body = bytes.AsSpan(0, BodyLength);
        BinaryPrimitives.WriteUInt32BigEndian(body, LocalTag);
        BinaryPrimitives.WriteUInt32BigEndian(body[4..], LocalInitialTsn);
        BinaryPrimitives.WriteUInt32BigEndian(body[8..], PeerTag);
        BinaryPrimitives.WriteUInt32BigEndian(body[12..], PeerInitialTsn);
        BinaryPrimitives.WriteUInt32BigEndian(body[16..], PeerReceiverWindow);
        BinaryPrimitives.WriteUInt16BigEndian(body[20..], PeerOutboundStreams);
        BinaryPrimitives.WriteUInt16BigEndian(body[22..], PeerInboundStreams);
        body[24] = (byte)((PeerForwardTsn ? 1 : 0) | (PeerReconfig ? 2 : 0));
        BinaryPrimitives.WriteUInt32BigEndian(body[25..], TieLocal);
        BinaryPrimitives.WriteUInt32BigEndian(body[29..], TiePeer);
        BinaryPrimitives.WriteInt64BigEndian(body[33..], CreatedMilliseconds);
        HMACSHA256.HashData(key, body, bytes.AsSpan(BodyLength));
        return bytes;
    }

    public static SctpStateCookie? Open(ReadOnlySpan<byte> bytes, ReadOnlySpan<byte> key)
    {
        if (bytes.Length != BodyLength + MacLength)
        {
            return null;
        }
        ReadOnlySpan<byte> body = bytes[..BodyLength];
        Span<byte> mac = stackalloc byte[MacLength];
        HMACSHA256.HashData(key, body, mac);
        if (!CryptographicOperations.FixedTimeEquals(mac, bytes[BodyLength..]))
        {
            return null;
        }
        return new SctpStateCookie(
            BinaryPrimitives.ReadUInt32BigEndian(body), BinaryPrimitives.ReadUInt32BigEndian(body[4..]),
            BinaryPrimitives.ReadUInt32BigEndian(body[8..]), BinaryPrimitives.ReadUInt32BigEndian(body[12..]),
            BinaryPrimitives.ReadUInt32BigEndian(body[16..]), BinaryPrimitives.ReadUInt16BigEndian(body[20..]),
            BinaryPrimitives.ReadUInt16BigEndian(body[22..]), (body[24] & 1) != 0, (body[24] & 2) != 0,
            BinaryPrimitives.ReadUInt32BigEndian(body[25..]), BinaryPrimitives.ReadUInt32BigEndian(body[29..]),
            BinaryPrimitives.ReadInt64BigEndian(body[33..]));
    }
}
