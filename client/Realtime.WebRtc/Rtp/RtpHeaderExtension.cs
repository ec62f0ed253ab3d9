namespace Realtime.WebRtc.Rtp;

/// <summary>
/// The one header extension an RTP packet may carry (RFC 3550 §5.3.1): a 16-bit profile word (0xBEDE for
/// RFC 8285 one-byte elements) and data that is a whole number of 32-bit words. Kept opaque: the audio path
/// needs none of its elements, but must pass them through intact.
/// </summary>
public sealed record RtpHeaderExtension(ushort Profile, ReadOnlyMemory<byte> Data);
