using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace Realtime.WebRtc.Stun;

/// <summary>
/// A decoded STUN message. It keeps its own copy of the bytes because MESSAGE-INTEGRITY can only be checked
/// once the caller knows which password applies (that depends on USERNAME and on the transaction).
/// </summary>
public sealed class StunMessage
{
    public const int HeaderLength = 20;
    public const uint MagicCookie = 0x2112A442;

    private readonly byte[] _raw;
    private readonly int _integrityOffset;

    internal StunMessage(byte[] raw, IReadOnlyList<StunAttribute> attributes, int integrityOffset, bool hasFingerprint)
    {
        _raw = raw;
        _integrityOffset = integrityOffset;
        Type = StunMessageType.FromWire(BinaryPrimitives.ReadUInt16BigEndian(raw));
        TransactionId = StunTransactionId.Read(raw.AsSpan(8, StunTransactionId.Length));
        Attributes = attributes;
        HasFingerprint = hasFingerprint;
    }

    public StunMessageType Type { get; }
    public StunTransactionId TransactionId { get; }

    /// <summary>Attributes up to MESSAGE-INTEGRITY inclusive (later ones, except FINGERPRINT, are ignored per RFC 8489 §14.5).</summary>
    public IReadOnlyList<StunAttribute> Attributes { get; }

    public bool HasMessageIntegrity => _integrityOffset >= 0;

    /// <summary>True when a FINGERPRINT was present; a wrong one never gets this far (parsing fails).</summary>
    public bool HasFingerprint { get; }

    public string? Username => Find(StunAttributeType.Username) is { } v ? Encoding.UTF8.GetString(v.Span) : null;
    public uint? Priority => Find(StunAttributeType.Priority) is { } v ? BinaryPrimitives.ReadUInt32BigEndian(v.Span) : null;
    public bool UseCandidate => Find(StunAttributeType.UseCandidate) is not null;
    public ulong? IceControlling => ReadUInt64(StunAttributeType.IceControlling);
    public ulong? IceControlled => ReadUInt64(StunAttributeType.IceControlled);

    public IPEndPoint? XorMappedAddress =>
        Find(StunAttributeType.XorMappedAddress) is { } v ? StunAddressCodec.DecodeXor(v.Span, TransactionId) : null;

    public StunErrorCode? ErrorCode => Find(StunAttributeType.ErrorCode) is { } v ? DecodeErrorCode(v.Span) : null;

    /// <summary>Comprehension-required attributes we do not process: a request carrying any is answered 420.</summary>
    public IReadOnlyList<ushort> UnknownComprehensionRequired =>
        Attributes.Select(a => a.Type)
            .Where(t => StunAttributeType.IsComprehensionRequired(t) && !StunAttributeType.IsUnderstood(t))
            .Distinct().ToArray();

    /// <summary>Whether the message looks like STUN at all: cheap enough to run on every datagram.</summary>
    public static bool IsStun(ReadOnlySpan<byte> datagram) =>
        datagram.Length >= HeaderLength && (datagram[0] & 0xC0) == 0
        && BinaryPrimitives.ReadUInt32BigEndian(datagram[4..]) == MagicCookie;

    public static StunMessage Parse(ReadOnlySpan<byte> datagram) =>
        StunDecoder.Decode(datagram, out string? error) ?? throw new StunParseException(error!);

    public static bool TryParse(ReadOnlySpan<byte> datagram, [NotNullWhen(true)] out StunMessage? message)
    {
        message = StunDecoder.Decode(datagram, out _);
        return message is not null;
    }

    /// <summary>Checks MESSAGE-INTEGRITY with the short-term key (the ICE password as UTF-8); false when absent.</summary>
    public bool VerifyIntegrity(ReadOnlySpan<byte> key)
    {
        if (!HasMessageIntegrity)
        {
            return false;
        }
        byte[] expected = StunChecksums.Integrity(key, _raw, _integrityOffset);
        ReadOnlySpan<byte> actual = _raw.AsSpan(_integrityOffset + 4, StunChecksums.IntegrityLength);
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }

    public bool VerifyIntegrity(string password) => VerifyIntegrity(Encoding.UTF8.GetBytes(password));

    /// <summary>The first attribute of the given type, or null.</summary>
    public ReadOnlyMemory<byte>? Find(ushort type)
    {
        foreach (StunAttribute attribute in Attributes)
        {
            if (attribute.Type == type)
            {
                return attribute.Value;
            }
        }
        return null;
    }

    public override string ToString() => $"{Type.Method} {Type.Class} {TransactionId}";

    private ulong? ReadUInt64(ushort type) =>
        Find(type) is { } v ? BinaryPrimitives.ReadUInt64BigEndian(v.Span) : null;

    private static StunErrorCode DecodeErrorCode(ReadOnlySpan<byte> value)
    {
        int code = (value[2] & 0x07) * 100 + value[3];
        return new StunErrorCode(code, Encoding.UTF8.GetString(value[4..]));
    }
}
