using System.Buffers.Binary;

namespace Realtime.WebRtc.Tests.Audio;

/// <summary>Builds WAV files in memory for the reader's tests, so every header field is under the test's control.</summary>
internal static class WavWriter
{
    public static byte[] Pcm16(int rate, int channels, short[] interleaved, ushort format = 1, ushort bits = 16)
    {
        int dataLength = interleaved.Length * 2;
        var file = new byte[44 + dataLength];
        "RIFF"u8.CopyTo(file);
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(4), (uint)(36 + dataLength));
        "WAVEfmt "u8.CopyTo(file.AsSpan(8));
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(16), 16);
        BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(20), format);
        BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(22), (ushort)channels);
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(24), (uint)rate);
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(28), (uint)(rate * channels * 2));
        BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(32), (ushort)(channels * 2));
        BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(34), bits);
        "data"u8.CopyTo(file.AsSpan(36));
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(40), (uint)dataLength);
        for (int i = 0; i < interleaved.Length; i++)
        {
            BinaryPrimitives.WriteInt16LittleEndian(file.AsSpan(44 + 2 * i), interleaved[i]);
        }
        return file;
    }
}
