namespace Realtime.WebRtc.Rtp;

/// <summary>
/// The receiving side of one remote RTP source (RFC 3550 Appendix A): extends 16-bit sequence numbers
/// across wraps, counts loss, estimates interarrival jitter (§6.4.1, A.8) and produces the reception report
/// block that tells the sender how its stream arrives. Sans-IO: arrival times are passed in.
/// </summary>
public sealed class RtpReceiver
{
    private const int MaxDropout = 3000;
    private const int MaxMisorder = 100;
    private const int SequenceModulo = 1 << 16;
    private readonly int _clockRate;
    private ushort _maxSequence;
    private uint _cycles;
    private uint _baseSequence;
    private int _badSequence = -1;
    private bool _started;
    private double _jitter;
    private double _lastTransit;
    private bool _haveTransit;
    private long _expectedPrior;
    private long _receivedPrior;
    private uint _lastSenderReport;
    private TimeSpan _lastSenderReportAt;

    public RtpReceiver(uint ssrc, int clockRate)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(clockRate);
        Ssrc = ssrc;
        _clockRate = clockRate;
    }

    public uint Ssrc { get; }
    public long PacketsReceived { get; private set; }

    /// <summary>Payload octets received, as getStats' bytesReceived counts them.</summary>
    public long BytesReceived { get; private set; }

    /// <summary>The highest sequence number received, extended with its wrap count.</summary>
    public uint ExtendedHighestSequence => _cycles + _maxSequence;

    /// <summary>Expected minus received (RFC 3550 A.3); duplicates can make it negative.</summary>
    public long PacketsLost => _started ? (long)ExtendedHighestSequence - _baseSequence + 1 - PacketsReceived : 0;

    /// <summary>Interarrival jitter in seconds.</summary>
    public double JitterSeconds => _jitter / _clockRate;

    /// <summary>Accounts one packet; false when it is a far jump that A.1 waits to confirm before believing.</summary>
    public bool Receive(RtpPacket packet, TimeSpan arrival)
    {
        if (!_started)
        {
            Restart(packet.SequenceNumber);
        }
        else if (!UpdateSequence(packet.SequenceNumber))
        {
            return false;
        }
        PacketsReceived++;
        BytesReceived += packet.Payload.Length;
        UpdateJitter(packet.Timestamp, arrival);
        return true;
    }

    /// <summary>Notes an SR from this source so the next report can echo it for round-trip time.</summary>
    public void OnSenderReport(RtcpSenderReport report, TimeSpan now)
    {
        _lastSenderReport = NtpTimestamp.Middle(report.NtpTimestamp);
        _lastSenderReportAt = now;
    }

    /// <summary>The report block for this source; the fraction lost covers the interval since the previous call.</summary>
    public RtcpReportBlock CreateReportBlock(TimeSpan now)
    {
        long expected = _started ? (long)ExtendedHighestSequence - _baseSequence + 1 : 0;
        long expectedInterval = expected - _expectedPrior;
        long lostInterval = expectedInterval - (PacketsReceived - _receivedPrior);
        (_expectedPrior, _receivedPrior) = (expected, PacketsReceived);
        byte fraction = expectedInterval == 0 || lostInterval <= 0 ? (byte)0 : (byte)Math.Min(255, (lostInterval << 8) / expectedInterval);
        uint delay = _lastSenderReport == 0 ? 0 : (uint)((now - _lastSenderReportAt).TotalSeconds * 65536);
        return new RtcpReportBlock(Ssrc, fraction, (int)Math.Clamp(PacketsLost, int.MinValue, int.MaxValue), ExtendedHighestSequence,
            (uint)_jitter, _lastSenderReport, delay);
    }

    private void Restart(ushort sequence)
    {
        (_started, _maxSequence, _cycles, _baseSequence, _badSequence) = (true, sequence, 0, sequence, -1);
        (PacketsReceived, BytesReceived, _expectedPrior, _receivedPrior) = (0, 0, 0, 0);
    }

    private bool UpdateSequence(ushort sequence)
    {
        int delta = (ushort)(sequence - _maxSequence);
        if (delta < MaxDropout)
        {
            if (sequence < _maxSequence)
            {
                _cycles += SequenceModulo;
            }
            _maxSequence = sequence;
        }
        else if (delta <= SequenceModulo - MaxMisorder)
        {
            // A very large jump: believe it only if the next packet follows it (the source restarted).
            if (sequence != _badSequence)
            {
                _badSequence = (sequence + 1) & 0xFFFF;
                return false;
            }
            Restart(sequence);
        }
        return true;
    }

    private void UpdateJitter(uint timestamp, TimeSpan arrival)
    {
        double transit = arrival.TotalSeconds * _clockRate - timestamp;
        if (_haveTransit)
        {
            double difference = Math.Abs(transit - _lastTransit);
            _jitter += (difference - _jitter) / 16;
        }
        (_lastTransit, _haveTransit) = (transit, true);
    }
}
