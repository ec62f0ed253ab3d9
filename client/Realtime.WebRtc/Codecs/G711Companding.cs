namespace Realtime.WebRtc.Codecs;

/// <summary>
/// ITU-T G.711 companding computed rather than tabled, in the segment form of the ITU reference and the
/// classic Sun g711.c: 16-bit linear samples to 8-bit codes and back.
/// </summary>
internal static class G711Companding
{
    private const int MuBias = 0x84;
    private const int MuClip = 8159;

    public static byte LinearToMuLaw(short sample)
    {
        int value = sample >> 2;
        int mask = 0xFF;
        if (value < 0)
        {
            value = -value;
            mask = 0x7F;
        }
        value = Math.Min(value, MuClip) + (MuBias >> 2);
        int segment = Segment(value, 0x3F);
        return (byte)(segment >= 8 ? 0x7F ^ mask : ((segment << 4) | ((value >> (segment + 1)) & 0x0F)) ^ mask);
    }

    public static short MuLawToLinear(byte code)
    {
        int inverted = ~code;
        int magnitude = (((inverted & 0x0F) << 3) + MuBias) << ((inverted & 0x70) >> 4);
        return (short)((inverted & 0x80) != 0 ? MuBias - magnitude : magnitude - MuBias);
    }

    public static byte LinearToALaw(short sample)
    {
        int value = sample >> 3;
        int mask = 0xD5;
        if (value < 0)
        {
            value = -value - 1;
            mask = 0x55;
        }
        int segment = Segment(value, 0x1F);
        if (segment >= 8)
        {
            return (byte)(0x7F ^ mask);
        }
        int code = (segment << 4) | ((segment < 2 ? value >> 1 : value >> segment) & 0x0F);
        return (byte)(code ^ mask);
    }

    public static short ALawToLinear(byte code)
    {
        int value = code ^ 0x55;
        int magnitude = (value & 0x0F) << 4;
        int segment = (value & 0x70) >> 4;
        magnitude = segment switch
        {
            0 => magnitude + 8,
            1 => magnitude + 0x108,
            _ => (magnitude + 0x108) << (segment - 1),
        };
        return (short)((value & 0x80) != 0 ? magnitude : -magnitude);
    }

    /// <summary>The segment whose upper end (firstEnd, doubled each step) holds <paramref name="value"/>; 8 when none.</summary>
    private static int Segment(int value, int firstEnd)
    {
        int segment = 0;
        for (int end = firstEnd; segment < 8 && value > end; end = (end << 1) | 1)
        {
            segment++;
        }
        return segment;
    }
}
