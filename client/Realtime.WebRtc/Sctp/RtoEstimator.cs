namespace Realtime.WebRtc.Sctp;

/// <summary>Retransmission timeout from RTT samples (RFC 9260 §6.3.1), with exponential back-off on expiry.</summary>
internal sealed class RtoEstimator(SctpOptions options)
{
    private TimeSpan? _smoothed;
    private TimeSpan _variance;

    public TimeSpan Rto { get; private set; } = options.RtoInitial;

    public void Measure(TimeSpan rtt)
    {
        if (_smoothed is not { } srtt)
        {
            _smoothed = rtt;
            _variance = rtt / 2;
        }
        else
        {
            // RTO.Alpha = 1/8, RTO.Beta = 1/4.
            _variance = _variance * 3 / 4 + (srtt - rtt).Duration() / 4;
            _smoothed = srtt * 7 / 8 + rtt / 8;
        }
        Rto = Clamp(_smoothed.Value + Max(_variance * 4, TimeSpan.FromMilliseconds(1)));
    }

    public void BackOff() => Rto = Clamp(Rto * 2);

    private TimeSpan Clamp(TimeSpan value) => value < options.RtoMin ? options.RtoMin : value > options.RtoMax ? options.RtoMax : value;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
