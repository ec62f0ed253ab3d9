namespace Realtime.WebRtc.Ice;

/// <summary>
/// Consent freshness for the selected pair (RFC 7675): when the peer was last proved alive, and when the next
/// consent check is due. Jitter keeps many sessions from checking in lockstep.
/// </summary>
internal sealed class IceLiveness(IceAgentOptions options, Random random)
{
    public TimeSpan LastLife { get; private set; }
    public TimeSpan NextConsentAt { get; private set; }

    public void Reset(TimeSpan now)
    {
        LastLife = now;
        ScheduleNextConsent(now);
    }

    public void Alive(TimeSpan now) => LastLife = now > LastLife ? now : LastLife;

    public void ScheduleNextConsent(TimeSpan now) =>
        NextConsentAt = now + options.ConsentInterval * (0.8 + 0.4 * random.NextDouble());

    public bool IsExpired(TimeSpan now) => now - LastLife >= options.ConsentTimeout;

    public bool IsStale(TimeSpan now) => now - LastLife >= options.DisconnectedTimeout;

    public TimeSpan ExpiresAt => LastLife + options.ConsentTimeout;

    public TimeSpan StaleAt => LastLife + options.DisconnectedTimeout;
}
