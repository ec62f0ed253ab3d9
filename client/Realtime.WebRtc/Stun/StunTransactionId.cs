using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Realtime.WebRtc.Stun;

/// <summary>The 96-bit transaction id, held as two integers so it can key a dictionary cheaply.</summary>
public readonly record struct StunTransactionId(ulong High, uint Low)
{
    public const int Length = 12;

    /// <summary>A cryptographically random id: RFC 8489 §6 wants ids that an off-path attacker cannot guess.</summary>
    public static StunTransactionId NewRandom()
    {
        Span<byte> bytes = stackalloc byte[Length];
        RandomNumberGenerator.Fill(bytes);
        return Read(bytes);
    }

    /// <summary>An id from a caller-supplied source; tests pass a seeded <see cref="Random"/> for reproducible runs.</summary>
    public static StunTransactionId NewRandom(Random random)
    {
        Span<byte> bytes = stackalloc byte[Length];
        random.NextBytes(bytes);
        return Read(bytes);
    }

    public static StunTransactionId Read(ReadOnlySpan<byte> twelveBytes) =>
        new(BinaryPrimitives.ReadUInt64BigEndian(twelveBytes), BinaryPrimitives.ReadUInt32BigEndian(twelveBytes[8..]));

    public void Write(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64BigEndian(destination, High);
        BinaryPrimitives.WriteUInt32BigEndian(destination[8..], Low);
    }

    public override string ToString() => $"{High:x16}{Low:x8}";
}
