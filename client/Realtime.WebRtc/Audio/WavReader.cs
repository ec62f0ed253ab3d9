using System.Buffers.Binary;

namespace Realtime.WebRtc.Audio;

/// <summary>
/// Reads a RIFF/WAVE file of 16-bit PCM into 48 kHz mono, the frame format: stereo is averaged, 8, 16 and
/// 24 kHz are upsampled by linear interpolation (good enough for speech prompts and tests). Anything else is
/// refused with a <see cref="WavFormatException"/> that says what was found.
/// </summary>
public static class WavReader
{
    private static readonly int[] SupportedRates = [8_000, 16_000, 24_000, 48_000];
    private const ushort PcmFormat = 1;
    private const ushort ExtensibleFormat = 0xFFFE;

    /// <summary>The whole file as 48 kHz mono samples.</summary>
    public static short[] Read(Stream stream)
    {
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return Read(copy.ToArray());
    }

    public static short[] Read(ReadOnlySpan<byte> file)
    {
        if (file.Length < 12 || !file[..4].SequenceEqual("RIFF"u8) || !file[8..12].SequenceEqual("WAVE"u8))
        {
            throw new WavFormatException("Not a WAV file: the RIFF/WAVE header is missing.");
        }
        WavFormat? format = null;
        for (int offset = 12; offset + 8 <= file.Length;)
        {
            int size = (int)Math.Min(BinaryPrimitives.ReadUInt32LittleEndian(file[(offset + 4)..]), (uint)(file.Length - offset - 8));
            ReadOnlySpan<byte> body = file.Slice(offset + 8, size);
            if (file.Slice(offset, 4).SequenceEqual("fmt "u8))
            {
                format = ReadFormat(body);
            }
            else if (file.Slice(offset, 4).SequenceEqual("data"u8))
            {
                WavFormat known = format ?? throw new WavFormatException("The WAV data chunk comes before its fmt chunk.");
                return Upsample(Mono(body, known.Channels), known.SampleRate);
            }
            offset += 8 + size + (size & 1);
        }
        throw new WavFormatException("The WAV file has no data chunk.");
    }

    private static WavFormat ReadFormat(ReadOnlySpan<byte> body)
    {
        if (body.Length < 16)
        {
            throw new WavFormatException("The WAV fmt chunk is truncated.");
        }
        ushort encoding = BinaryPrimitives.ReadUInt16LittleEndian(body);
        bool pcm = encoding == PcmFormat || (encoding == ExtensibleFormat && body.Length >= 26 && BinaryPrimitives.ReadUInt16LittleEndian(body[24..]) == PcmFormat);
        int channels = BinaryPrimitives.ReadUInt16LittleEndian(body[2..]);
        int rate = (int)BinaryPrimitives.ReadUInt32LittleEndian(body[4..]);
        int bits = BinaryPrimitives.ReadUInt16LittleEndian(body[14..]);
        if (!pcm || bits != 16)
        {
            throw new WavFormatException($"Only 16-bit PCM WAV is supported; this file is format {encoding} with {bits}-bit samples.");
        }
        if (channels is < 1 or > 2)
        {
            throw new WavFormatException($"Only mono or stereo WAV is supported; this file has {channels} channels.");
        }
        if (!SupportedRates.Contains(rate))
        {
            throw new WavFormatException($"WAV sample rate {rate} Hz is not supported; use 8000, 16000, 24000 or 48000 Hz.");
        }
        return new WavFormat(channels, rate);
    }

    private static short[] Mono(ReadOnlySpan<byte> data, int channels)
    {
        int frames = data.Length / (2 * channels);
        var mono = new short[frames];
        for (int i = 0; i < frames; i++)
        {
            int sum = 0;
            for (int channel = 0; channel < channels; channel++)
            {
                sum += BinaryPrimitives.ReadInt16LittleEndian(data[(2 * (i * channels + channel))..]);
            }
            mono[i] = (short)(sum / channels);
        }
        return mono;
    }

    /// <summary>Linear interpolation by the integer ratio 48 kHz / <paramref name="rate"/>.</summary>
    private static short[] Upsample(short[] samples, int rate)
    {
        int ratio = PcmFrame.SampleRate / rate;
        if (ratio == 1)
        {
            return samples;
        }
        var output = new short[samples.Length * ratio];
        for (int i = 0; i < samples.Length; i++)
        {
            int next = i + 1 < samples.Length ? samples[i + 1] : samples[i];
            for (int step = 0; step < ratio; step++)
            {
                output[i * ratio + step] = (short)(samples[i] + (next - samples[i]) * step / ratio);
            }
        }
        return output;
    }

    private readonly record struct WavFormat(int Channels, int SampleRate);
}
