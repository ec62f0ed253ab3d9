using System.Buffers.Binary;
using Realtime.WebRtc.Dtls;

namespace Realtime.WebRtc.Srtp;

/// <summary>
/// One direction of SRTP and SRTCP under one master key (RFC 3711, RFC 7714), sans-IO: plain packets in,
/// protected packets out, and back. It keeps, per SSRC, the rollover counter and the 64-packet replay
/// window; a packet that fails any check is dropped with a reason and leaves that state untouched.
/// </summary>
public sealed class SrtpContext : IDisposable
{
    private const int RtpFixedHeader = 12;
    private const int RtcpHeaderLength = 8;
    private const uint MaxSrtcpIndex = 0x7FFF_FFFF;
    private readonly ISrtpCipher _cipher;
    private readonly Dictionary<uint, RolloverCounter> _rtpIndices = [];
    private readonly Dictionary<uint, ReplayWindow> _rtpReplay = [];
    private readonly Dictionary<uint, ReplayWindow> _rtcpReplay = [];
    private uint _nextSrtcpIndex;

    /// <summary>Derives the session keys of <paramref name="profile"/> from a master key and salt.</summary>
    public SrtpContext(SrtpProfile profile, ReadOnlySpan<byte> masterKey, ReadOnlySpan<byte> masterSalt)
        : this(CreateCipher(profile, masterKey, masterSalt))
    {
    }

    internal SrtpContext(ISrtpCipher cipher) => _cipher = cipher;

    /// <summary>Protects an RTP packet this side sends.</summary>
    public byte[] ProtectRtp(ReadOnlySpan<byte> rtp)
    {
        int headerLength = RtpHeaderLength(rtp);
        if (headerLength < 0)
        {
            throw new ArgumentException("Not an RTP packet: too short or not version 2.", nameof(rtp));
        }
        uint ssrc = BinaryPrimitives.ReadUInt32BigEndian(rtp[8..]);
        RolloverCounter counter = CounterOf(ssrc);
        ulong index = counter.Estimate(BinaryPrimitives.ReadUInt16BigEndian(rtp[2..]));
        counter.Update(index);
        return _cipher.ProtectRtp(rtp, headerLength, ssrc, index);
    }

    /// <summary>Checks, decrypts and records an SRTP packet from the peer.</summary>
    public SrtpResult UnprotectRtp(ReadOnlySpan<byte> srtp)
    {
        int headerLength = RtpHeaderLength(srtp);
        if (headerLength < 0)
        {
            return SrtpResult.Dropped(SrtpDropReason.Malformed);
        }
        uint ssrc = BinaryPrimitives.ReadUInt32BigEndian(srtp[8..]);
        RolloverCounter counter = CounterOf(ssrc);
        ulong index = counter.Estimate(BinaryPrimitives.ReadUInt16BigEndian(srtp[2..]));
        ReplayWindow replay = WindowOf(_rtpReplay, ssrc);
        SrtpDropReason refused = replay.Check(index);
        if (refused != SrtpDropReason.None)
        {
            return SrtpResult.Dropped(refused);
        }
        byte[]? plain = _cipher.UnprotectRtp(srtp, headerLength, ssrc, index);
        if (plain is null)
        {
            return SrtpResult.Dropped(SrtpDropReason.AuthenticationFailed);
        }
        replay.Accept(index);
        counter.Update(index);
        return SrtpResult.Accepted(plain);
    }

    /// <summary>Protects a (compound) RTCP packet this side sends, with the next SRTCP index.</summary>
    public byte[] ProtectRtcp(ReadOnlySpan<byte> rtcp)
    {
        uint index = _nextSrtcpIndex;
        _nextSrtcpIndex = (_nextSrtcpIndex + 1) & MaxSrtcpIndex;
        return ProtectRtcp(rtcp, index);
    }

    /// <summary>Protects with a given SRTCP index; the RFC vectors name theirs.</summary>
    internal byte[] ProtectRtcp(ReadOnlySpan<byte> rtcp, uint index)
    {
        if (rtcp.Length < RtcpHeaderLength || rtcp[0] >> 6 != 2)
        {
            throw new ArgumentException("Not an RTCP packet: too short or not version 2.", nameof(rtcp));
        }
        return _cipher.ProtectRtcp(rtcp, BinaryPrimitives.ReadUInt32BigEndian(rtcp[4..]), index);
    }

    /// <summary>Checks, decrypts and records an SRTCP packet from the peer.</summary>
    public SrtpResult UnprotectRtcp(ReadOnlySpan<byte> srtcp)
    {
        if (srtcp.Length < RtcpHeaderLength || srtcp[0] >> 6 != 2 || !_cipher.TryReadRtcpIndex(srtcp, out uint index, out _))
        {
            return SrtpResult.Dropped(SrtpDropReason.Malformed);
        }
        uint ssrc = BinaryPrimitives.ReadUInt32BigEndian(srtcp[4..]);
        ReplayWindow replay = WindowOf(_rtcpReplay, ssrc);
        SrtpDropReason refused = replay.Check(index);
        if (refused != SrtpDropReason.None)
        {
            return SrtpResult.Dropped(refused);
        }
        byte[]? plain = _cipher.UnprotectRtcp(srtcp, ssrc);
        if (plain is null)
        {
            return SrtpResult.Dropped(SrtpDropReason.AuthenticationFailed);
        }
        replay.Accept(index);
        return SrtpResult.Accepted(plain);
    }

    public void Dispose() => _cipher.Dispose();

    /// <summary>Fixed header, CSRCs and extension: everything SRTP leaves in the clear; -1 if it does not fit.</summary>
    internal static int RtpHeaderLength(ReadOnlySpan<byte> packet)
    {
        if (packet.Length < RtpFixedHeader || packet[0] >> 6 != 2)
        {
            return -1;
        }
        int length = RtpFixedHeader + 4 * (packet[0] & 0x0F);
        if ((packet[0] & 0x10) != 0)
        {
            if (packet.Length < length + 4)
            {
                return -1;
            }
            length += 4 + 4 * BinaryPrimitives.ReadUInt16BigEndian(packet[(length + 2)..]);
        }
        return length <= packet.Length ? length : -1;
    }

    private static ISrtpCipher CreateCipher(SrtpProfile profile, ReadOnlySpan<byte> masterKey, ReadOnlySpan<byte> masterSalt)
    {
        var (keyLength, saltLength) = SrtpKeyingMaterial.LengthsOf(profile);
        if (masterKey.Length != keyLength || masterSalt.Length != saltLength)
        {
            throw new ArgumentException($"{profile} needs a {keyLength}-byte master key and a {saltLength}-byte salt.");
        }
        return CreateCipher(profile, SrtpSessionKeys.Derive(profile, masterKey, masterSalt, false), SrtpSessionKeys.Derive(profile, masterKey, masterSalt, true));
    }

    private static ISrtpCipher CreateCipher(SrtpProfile profile, SrtpSessionKeys rtp, SrtpSessionKeys rtcp) => profile switch
    {
        SrtpProfile.Aes128CmHmacSha1_80 => new AesCmHmacSha1Cipher(rtp, rtcp, 10),
        SrtpProfile.Aes128CmHmacSha1_32 => new AesCmHmacSha1Cipher(rtp, rtcp, 4),
        SrtpProfile.AeadAes128Gcm or SrtpProfile.AeadAes256Gcm => new AesGcmCipher(rtp, rtcp),
        _ => throw new NotSupportedException($"SRTP profile {profile} is not supported."),
    };

    private RolloverCounter CounterOf(uint ssrc) =>
        _rtpIndices.TryGetValue(ssrc, out RolloverCounter? counter) ? counter : _rtpIndices[ssrc] = new RolloverCounter();

    private static ReplayWindow WindowOf(Dictionary<uint, ReplayWindow> windows, uint ssrc) =>
        windows.TryGetValue(ssrc, out ReplayWindow? window) ? window : windows[ssrc] = new ReplayWindow();
}
