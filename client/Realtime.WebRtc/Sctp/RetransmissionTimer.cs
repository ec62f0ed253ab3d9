namespace Realtime.WebRtc.Sctp;

/// <summary>
/// A timer that doubles its timeout on each expiry up to a cap and gives up after a retransmission budget.
/// T1-init/T1-cookie (RFC 9260 §5.1) and T2-shutdown (§9.2) behave alike and differ only in what they resend;
/// T3-rtx lives in <see cref="SctpSender"/> because it backs off the shared RTO and restarts on every SACK.
/// </summary>
internal sealed class RetransmissionTimer(TimeSpan maxTimeout, int maxRetransmissions)
{
    private TimeSpan _timeout;
    private int _retransmissions;

    /// <summary>When the timer next expires, or null while stopped.</summary>
    public TimeSpan? Deadline { get; private set; }

    public void Start(TimeSpan now, TimeSpan timeout)
    {
        _timeout = timeout;
        _retransmissions = 0;
        Deadline = now + timeout;
    }

    public void Stop() => Deadline = null;

    /// <summary>
    /// Called on expiry: rearms with a doubled timeout and returns true when the caller should resend, or
    /// stops and returns false once the budget is spent and the caller should give up.
    /// </summary>
    public bool Rearm(TimeSpan now)
    {
        if (++_retransmissions > maxRetransmissions)
        {
            Stop();
            return false;
        }
        _timeout = _timeout * 2 > maxTimeout ? maxTimeout : _timeout * 2;
        Deadline = now + _timeout;
        return true;
    }
}
