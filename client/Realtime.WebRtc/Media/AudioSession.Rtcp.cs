using Realtime.WebRtc.Rtp;

namespace Realtime.WebRtc.Media;

/// <summary>RTCP on the muxed transport: our reports once a second, and what the peer's reports tell us.</summary>
internal sealed partial class AudioSession
{
    /// <summary>RFC 3550's minimum interval is 5 s, but WebRTC peers report about every second (RFC 8108 allows it).</summary>
    private static readonly TimeSpan ReportInterval = TimeSpan.FromSeconds(1);
    private TimeSpan? _nextReport;
    private TimeSpan? _roundTrip;

    /// <summary>SR once we have sent (RR before), a reception report on the remote source, and our CNAME.</summary>
    private RtcpPacket[] Report(TimeSpan now)
    {
        RtcpReportBlock[] blocks = _remote is { } remote && remote.Receiver.PacketsReceived > 0 ? [remote.Receiver.CreateReportBlock(now)] : [];
        RtcpPacket report = _sender.PacketsSent > 0
            ? _sender.CreateSenderReport(now, _options.WallClock(), blocks)
            : new RtcpReceiverReport(_options.LocalSsrc, blocks);
        return [report, new RtcpSourceDescription([new RtcpCname(_options.LocalSsrc, _options.Cname)])];
    }

    private void HandleRtcp(IReadOnlyList<RtcpPacket> packets, TimeSpan now)
    {
        foreach (RtcpPacket packet in packets)
        {
            switch (packet)
            {
                case RtcpSenderReport sender:
                    if (_remote?.Receiver.Ssrc == sender.Ssrc)
                    {
                        _remote.Receiver.OnSenderReport(sender, now);
                    }
                    MeasureRoundTrip(sender.Reports);
                    break;
                case RtcpReceiverReport receiver:
                    MeasureRoundTrip(receiver.Reports);
                    break;
                case RtcpGoodbye bye when _remote is { } remote && bye.Sources.Contains(remote.Receiver.Ssrc):
                    _nextPlayout = null; // the source left: stop playing rather than conceal for ever
                    break;
            }
        }
    }

    /// <summary>RFC 3550 §6.4.1: arrival minus the echoed SR time (LSR) minus the peer's hold time (DLSR), in 1/65536 s.</summary>
    private void MeasureRoundTrip(IReadOnlyList<RtcpReportBlock> blocks)
    {
        RtcpReportBlock? ours = blocks.FirstOrDefault(b => b.Ssrc == _options.LocalSsrc && b.LastSenderReport != 0);
        if (ours is null)
        {
            return;
        }
        uint arrival = NtpTimestamp.Middle(NtpTimestamp.From(_options.WallClock()));
        long units = (long)(uint)(arrival - ours.LastSenderReport - ours.DelaySinceLastSenderReport);
        if (units < 1L << 31)
        {
            _roundTrip = TimeSpan.FromSeconds(units / 65536.0);
        }
    }
}
