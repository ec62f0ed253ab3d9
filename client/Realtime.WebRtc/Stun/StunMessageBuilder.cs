using System.Buffers.Binary;
using System.Net;
using System.Text;

namespace Realtime.WebRtc.Stun;

/// <summary>
/// Writes a STUN message: attributes in the order added, then optionally MESSAGE-INTEGRITY and FINGERPRINT,
/// which must come last and in that order.
/// </summary>
public sealed class StunMessageBuilder(StunMessageType type, StunTransactionId transactionId)
{
    private readonly List<(ushort Type, byte[] Value)> _attributes = [];

    public StunMessageType Type { get; } = type;
    public StunTransactionId TransactionId { get; } = transactionId;

    /// <summary>Padding is arbitrary on the wire; only the RFC 5769 vectors (spaces) need something other than zero.</summary>
    internal byte PaddingByte { get; set; }

    public StunMessageBuilder AddAttribute(ushort attributeType, ReadOnlySpan<byte> value)
    {
        _attributes.Add((attributeType, value.ToArray()));
        return this;
    }

    public StunMessageBuilder AddUsername(string username) =>
        AddAttribute(StunAttributeType.Username, Encoding.UTF8.GetBytes(username));

    public StunMessageBuilder AddSoftware(string software) =>
        AddAttribute(StunAttributeType.Software, Encoding.UTF8.GetBytes(software));

    public StunMessageBuilder AddXorMappedAddress(IPEndPoint endPoint) =>
        AddAttribute(StunAttributeType.XorMappedAddress, StunAddressCodec.EncodeXor(endPoint, TransactionId));

    public StunMessageBuilder AddPriority(uint priority) => AddUInt32(StunAttributeType.Priority, priority);

    public StunMessageBuilder AddUseCandidate() => AddAttribute(StunAttributeType.UseCandidate, []);

    public StunMessageBuilder AddIceControlling(ulong tieBreaker) => AddUInt64(StunAttributeType.IceControlling, tieBreaker);

    public StunMessageBuilder AddIceControlled(ulong tieBreaker) => AddUInt64(StunAttributeType.IceControlled, tieBreaker);

    public StunMessageBuilder AddErrorCode(StunErrorCode error)
    {
        byte[] reason = Encoding.UTF8.GetBytes(error.Reason);
        var value = new byte[4 + reason.Length];
        value[2] = (byte)(error.Code / 100);
        value[3] = (byte)(error.Code % 100);
        reason.CopyTo(value, 4);
        return AddAttribute(StunAttributeType.ErrorCode, value);
    }

    public StunMessageBuilder AddUnknownAttributes(IReadOnlyList<ushort> types)
    {
        var value = new byte[types.Count * 2];
        for (int i = 0; i < types.Count; i++)
        {
            BinaryPrimitives.WriteUInt16BigEndian(value.AsSpan(i * 2), types[i]);
        }
        return AddAttribute(StunAttributeType.UnknownAttributes, value);
    }

    /// <summary>The message bytes; with a key, MESSAGE-INTEGRITY (HMAC-SHA1) is appended, then FINGERPRINT if asked.</summary>
    public byte[] Build(byte[]? integrityKey = null, bool fingerprint = true)
    {
        int attributesLength = _attributes.Sum(a => 4 + StunDecoder.Padded(a.Value.Length));
        int total = StunMessage.HeaderLength + attributesLength
            + (integrityKey is null ? 0 : 4 + StunChecksums.IntegrityLength) + (fingerprint ? 8 : 0);
        var buffer = new byte[total];
        WriteHeader(buffer, total);
        int offset = StunMessage.HeaderLength;
        foreach ((ushort attributeType, byte[] value) in _attributes)
        {
            offset = WriteAttribute(buffer, offset, attributeType, value);
        }
        if (integrityKey is not null)
        {
            byte[] mac = StunChecksums.Integrity(integrityKey, buffer, offset);
            offset = WriteAttribute(buffer, offset, StunAttributeType.MessageIntegrity, mac);
        }
        if (fingerprint)
        {
            Span<byte> crc = stackalloc byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(crc, StunChecksums.Fingerprint(buffer, offset));
            WriteAttribute(buffer, offset, StunAttributeType.Fingerprint, crc);
        }
        return buffer;
    }

    public byte[] Build(string integrityPassword, bool fingerprint = true) =>
        Build(Encoding.UTF8.GetBytes(integrityPassword), fingerprint);

    private void WriteHeader(Span<byte> buffer, int total)
    {
        BinaryPrimitives.WriteUInt16BigEndian(buffer, Type.ToWire());
        BinaryPrimitives.WriteUInt16BigEndian(buffer[2..], (ushort)(total - StunMessage.HeaderLength));
        BinaryPrimitives.WriteUInt32BigEndian(buffer[4..], StunMessage.MagicCookie);
        TransactionId.Write(buffer[8..]);
    }

    private int WriteAttribute(Span<byte> buffer, int offset, ushort attributeType, ReadOnlySpan<byte> value)
    {
        BinaryPrimitives.WriteUInt16BigEndian(buffer[offset..], attributeType);
        BinaryPrimitives.WriteUInt16BigEndian(buffer[(offset + 2)..], (ushort)value.Length);
        value.CopyTo(buffer[(offset + 4)..]);
        int padded = StunDecoder.Padded(value.Length);
        buffer.Slice(offset + 4 + value.Length, padded - value.Length).Fill(PaddingByte);
        return offset + 4 + padded;
    }

    private StunMessageBuilder AddUInt32(ushort attributeType, uint value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        return AddAttribute(attributeType, bytes);
    }

    private StunMessageBuilder AddUInt64(ushort attributeType, ulong value)
    {
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, value);
        return AddAttribute(attributeType, bytes);
    }
}
