using System.Security.Cryptography;

namespace Realtime.WebRtc.Srtp;

/// <summary>
/// AES in counter mode as RFC 3711 §4.1.1 defines it: the keystream is AES-ECB over successive counter
/// blocks, the low 16 bits of the block counting. .NET has no CTR mode, so the counter blocks are built
/// here and encrypted with ECB in one call.
/// </summary>
internal sealed class AesCounterKeystream : IDisposable
{
    private const int BlockSize = 16;
    private readonly Aes _aes;

    public AesCounterKeystream(ReadOnlySpan<byte> key)
    {
        _aes = Aes.Create();
        _aes.Key = key.ToArray();
    }

    /// <summary>XORs <paramref name="data"/> in place with the keystream that starts at the 16-byte <paramref name="iv"/>.</summary>
    public void Apply(ReadOnlySpan<byte> iv, Span<byte> data)
    {
        byte[] keystream = Generate(iv, data.Length);
        for (int i = 0; i < data.Length; i++)
        {
            data[i] ^= keystream[i];
        }
    }

    /// <summary>The first <paramref name="length"/> keystream bytes for <paramref name="iv"/>.</summary>
    public byte[] Generate(ReadOnlySpan<byte> iv, int length)
    {
        int blocks = (length + BlockSize - 1) / BlockSize;
        var counters = new byte[blocks * BlockSize];
        for (int block = 0; block < blocks; block++)
        {
            Span<byte> counter = counters.AsSpan(block * BlockSize, BlockSize);
            iv[..BlockSize].CopyTo(counter);
            AddToCounter(counter, block);
        }
        byte[] keystream = _aes.EncryptEcb(counters, PaddingMode.None);
        return length == keystream.Length ? keystream : keystream[..length];
    }

    public void Dispose() => _aes.Dispose();

    private static void AddToCounter(Span<byte> counter, int value)
    {
        int carry = value;
        for (int i = BlockSize - 1; i >= 0 && carry != 0; i--)
        {
            int sum = counter[i] + (carry & 0xFF);
            counter[i] = (byte)sum;
            carry = (carry >> 8) + (sum >> 8);
        }
    }
}
