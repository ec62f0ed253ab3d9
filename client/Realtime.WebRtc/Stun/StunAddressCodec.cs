using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Realtime.WebRtc.Stun;

/// <summary>
/// XOR-MAPPED-ADDRESS values: the port is xored with the cookie's top half, an IPv4 address with the cookie,
/// an IPv6 address with cookie + transaction id (RFC 8489 §14.2) — so NATs rewriting addresses in payloads miss it.
/// </summary>
internal static class StunAddressCodec
{
    private const byte FamilyV4 = 0x01;
    private const byte FamilyV6 = 0x02;

    public static byte[] EncodeXor(IPEndPoint endPoint, StunTransactionId transactionId)
    {
        IPAddress address = endPoint.Address.IsIPv4MappedToIPv6 ? endPoint.Address.MapToIPv4() : endPoint.Address;
        byte[] addressBytes = address.GetAddressBytes();
        var value = new byte[4 + addressBytes.Length];
        value[1] = address.AddressFamily == AddressFamily.InterNetwork ? FamilyV4 : FamilyV6;
        BinaryPrimitives.WriteUInt16BigEndian(value.AsSpan(2), (ushort)(endPoint.Port ^ (StunMessage.MagicCookie >> 16)));
        Span<byte> mask = stackalloc byte[16];
        WriteMask(mask, transactionId);
        for (int i = 0; i < addressBytes.Length; i++)
        {
            value[4 + i] = (byte)(addressBytes[i] ^ mask[i]);
        }
        return value;
    }

    public static IPEndPoint? DecodeXor(ReadOnlySpan<byte> value, StunTransactionId transactionId)
    {
        int addressLength = AddressLength(value);
        if (addressLength == 0)
        {
            return null;
        }
        int port = BinaryPrimitives.ReadUInt16BigEndian(value[2..]) ^ (int)(StunMessage.MagicCookie >> 16);
        Span<byte> mask = stackalloc byte[16];
        WriteMask(mask, transactionId);
        var address = new byte[addressLength];
        for (int i = 0; i < addressLength; i++)
        {
            address[i] = (byte)(value[4 + i] ^ mask[i]);
        }
        return new IPEndPoint(new IPAddress(address), port);
    }

    /// <summary>4 or 16 when the value is a well-formed IPv4 or IPv6 address attribute, else 0.</summary>
    public static int AddressLength(ReadOnlySpan<byte> value) => value.Length switch
    {
        8 when value[1] == FamilyV4 => 4,
        20 when value[1] == FamilyV6 => 16,
        _ => 0,
    };

    private static void WriteMask(Span<byte> mask, StunTransactionId transactionId)
    {
        BinaryPrimitives.WriteUInt32BigEndian(mask, StunMessage.MagicCookie);
        transactionId.Write(mask[4..]);
    }
}
