using System.Buffers.Binary;

namespace Realtime.WebRtc.Stun;

/// <summary>Walks the header and attributes of a datagram, rejecting anything malformed with a reason.</summary>
internal static class StunDecoder
{
    public static StunMessage? Decode(ReadOnlySpan<byte> datagram, out string? error)
    {
        error = CheckHeader(datagram);
        if (error is not null)
        {
            return null;
        }
        byte[] raw = datagram.ToArray();
        var attributes = new List<StunAttribute>();
        int integrityOffset = -1;
        bool fingerprint = false;
        int offset = StunMessage.HeaderLength;
        while (offset < raw.Length)
        {
            error = ReadAttribute(raw, offset, out ushort type, out int length);
            error ??= fingerprint ? "attribute after FINGERPRINT" : null;
            if (error is not null)
            {
                return null;
            }
            if (type == StunAttributeType.Fingerprint)
            {
                error = CheckFingerprint(raw, offset, length);
                fingerprint = true;
            }
            else if (integrityOffset < 0)
            {
                // Attributes after MESSAGE-INTEGRITY are not covered by it, so they are ignored.
                attributes.Add(new StunAttribute(type, raw.AsMemory(offset + 4, length)));
                error = CheckKnownLength(type, raw.AsSpan(offset + 4, length));
                integrityOffset = type == StunAttributeType.MessageIntegrity ? offset : -1;
            }
            if (error is not null)
            {
                return null;
            }
            offset += 4 + Padded(length);
        }
        return new StunMessage(raw, attributes, integrityOffset, fingerprint);
    }

    public static int Padded(int length) => (length + 3) & ~3;

    private static string? CheckHeader(ReadOnlySpan<byte> datagram)
    {
        if (datagram.Length < StunMessage.HeaderLength)
        {
            return "shorter than a STUN header";
        }
        if ((datagram[0] & 0xC0) != 0)
        {
            return "top two bits are not zero";
        }
        if (BinaryPrimitives.ReadUInt32BigEndian(datagram[4..]) != StunMessage.MagicCookie)
        {
            return "wrong magic cookie";
        }
        int length = BinaryPrimitives.ReadUInt16BigEndian(datagram[2..]);
        if (length != datagram.Length - StunMessage.HeaderLength || length % 4 != 0)
        {
            return $"length field {length} does not match {datagram.Length - StunMessage.HeaderLength} bytes of attributes";
        }
        return null;
    }

    private static string? ReadAttribute(byte[] raw, int offset, out ushort type, out int length)
    {
        type = 0;
        length = 0;
        if (offset + 4 > raw.Length)
        {
            return "truncated attribute header";
        }
        type = BinaryPrimitives.ReadUInt16BigEndian(raw.AsSpan(offset));
        length = BinaryPrimitives.ReadUInt16BigEndian(raw.AsSpan(offset + 2));
        return offset + 4 + Padded(length) > raw.Length ? $"attribute 0x{type:x4} overruns the message" : null;
    }

    private static string? CheckFingerprint(byte[] raw, int offset, int length)
    {
        if (length != 4 || offset + 8 != raw.Length)
        {
            return "FINGERPRINT must be the last attribute and 4 bytes long";
        }
        uint expected = StunChecksums.Fingerprint(raw, offset);
        uint actual = BinaryPrimitives.ReadUInt32BigEndian(raw.AsSpan(offset + 4));
        return expected == actual ? null : "FINGERPRINT does not match";
    }

    /// <summary>Fixed-size attributes are checked here so the typed accessors never see a short value.</summary>
    private static string? CheckKnownLength(ushort type, ReadOnlySpan<byte> value)
    {
        bool ok = type switch
        {
            StunAttributeType.MessageIntegrity => value.Length == StunChecksums.IntegrityLength,
            StunAttributeType.Priority => value.Length == 4,
            StunAttributeType.UseCandidate => value.Length == 0,
            StunAttributeType.IceControlled or StunAttributeType.IceControlling => value.Length == 8,
            StunAttributeType.XorMappedAddress => StunAddressCodec.AddressLength(value) != 0,
            StunAttributeType.ErrorCode => value.Length >= 4,
            StunAttributeType.Username => value.Length <= 513,
            _ => true,
        };
        return ok ? null : $"attribute 0x{type:x4} has a malformed value of {value.Length} bytes";
    }
}
