using System.Security.Cryptography;

namespace Realtime.WebRtc.Rtp;

/// <summary>
/// The sending side of one RTP stream (RFC 3550): its SSRC, a sequence number and timestamp that start at
/// random values (§5.1, so plaintext attacks on SRTP get no known start) and the counts its sender reports
/// carry. Sans-IO: it turns payloads into packets, and the caller's clock into SR timestamps.
/// </summary>
public sealed class RtpSender
{
    private readonly int _clockRate;
    private ushort _nextSequence;
    private uint _nextTimestamp;
    private uint _lastTimestamp;
    private TimeSpan _lastSentAt;
    private bool _sentAny;

    public RtpSender(uint ssrc, byte payloadType, int clockRate, ushort initialSequence, uint initialTimestamp)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(payloadType, (byte)127);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(clockRate);
        Ssrc = ssrc;
        PayloadType = payloadType;
        _clockRate = clockRate;
        _nextSequence = initialSequence;
        _nextTimestamp = initialTimestamp;
    }

    public uint Ssrc { get; }

    /// <summary>The payload type the SDP negotiated for this codec.</summary>
    public byte PayloadType { get; }

    public long PacketsSent { get; private set; }

    /// <summary>Payload octets sent, as the SR's octet count and getStats' bytesSent count them.</summary>
    public long BytesSent { get; private set; }

    /// <summary>A sender with a random SSRC, initial sequence number and timestamp.</summary>
    public static RtpSender Create(byte payloadType, int clockRate) => new(
        (uint)RandomNumberGenerator.GetInt32(int.MinValue, int.MaxValue),
        payloadType,
        clockRate,
        (ushort)RandomNumberGenerator.GetInt32(ushort.MaxValue + 1),
        (uint)RandomNumberGenerator.GetInt32(int.MinValue, int.MaxValue));

    /// <summary>
    /// Packetizes one frame covering <paramref name="samples"/> RTP clock ticks, sent at <paramref name="now"/>.
    /// <paramref name="marker"/> flags the first packet of a talkspurt (RFC 3551 §4.1).
    /// </summary>
    public RtpPacket Packetize(ReadOnlyMemory<byte> payload, uint samples, TimeSpan now, bool marker = false)
    {
        var packet = new RtpPacket
        {
            Marker = marker,
            PayloadType = PayloadType,
            SequenceNumber = _nextSequence++,
            Timestamp = _nextTimestamp,
            Ssrc = Ssrc,
            Payload = payload,
        };
        (_lastTimestamp, _lastSentAt, _sentAny) = (_nextTimestamp, now, true);
        _nextTimestamp += samples;
        PacketsSent++;
        BytesSent += payload.Length;
        return packet;
    }

    /// <summary>Advances the timestamp over media that was not sent (silence suppressed), keeping the clock honest.</summary>
    public void Skip(uint samples) => _nextTimestamp += samples;

    /// <summary>An SR whose RTP timestamp is the media clock extrapolated to <paramref name="now"/>.</summary>
    public RtcpSenderReport CreateSenderReport(TimeSpan now, DateTimeOffset wallClock, IReadOnlyList<RtcpReportBlock> reports)
    {
        uint rtpNow = _sentAny ? _lastTimestamp + (uint)((now - _lastSentAt).TotalSeconds * _clockRate) : _nextTimestamp;
        return new RtcpSenderReport(Ssrc, NtpTimestamp.From(wallClock), rtpNow, (uint)PacketsSent, (uint)BytesSent, reports);
    }
}
