using System.Diagnostics.Metrics;

namespace Realtime.Silo.Sessions;

/// <summary>
/// Sessions by state as this silo sees them, on the meter "Realtime.Orleans" (exported at the api's /metrics when
/// the silo is co-hosted), cheap and without any cluster-wide query; sum over silos for the cluster.
/// <list type="bullet">
/// <item><c>realtime.sessions.open{state=issued}</c>: secrets minted by the user grains of this silo whose session
/// has not gone live or ended and whose secret has not expired. No session grain is active for them (see
/// <see cref="SessionIssuer"/>), so the user grains report them here and the clock retires them.</item>
/// <item><c>realtime.sessions.open{state=live}</c>: live session grains active in this silo. A live session is
/// active while it publishes or is watched, and its idle timeout (shorter than Orleans' collection age) ends it.</item>
/// <item><c>realtime.sessions.closed{state=ended|expired}</c>: ended where the session grain ended it; expired
/// where the secret was minted, when it expires unused.</item>
/// </list>
/// A user grain that moves to another silo leaves its issued sessions counted where they were minted until their
/// secrets expire; the error is bounded by the secrets' lifetime (at most 10 minutes).
/// </summary>
public sealed class SessionCensus
{
    public const string MeterName = "Realtime.Orleans";

    private readonly TimeProvider _time;
    private readonly Lock _lock = new();

    // Issued sessions by the second their secret expires (rounded up), so the clock retires them in bulk.
    private readonly SortedDictionary<long, int> _issuedByExpirySecond = [];
    private long _earliestSecond = long.MaxValue; // no later than the first key: RetireExpired is free until then
    private long _issued;
    private long _expired;

    private long _live;
    private long _ended;

    public SessionCensus(IMeterFactory meters, TimeProvider time)
    {
        _time = time;
        var meter = meters.Create(MeterName);
        meter.CreateObservableGauge("realtime.sessions.open", ObserveOpen, "{session}",
            "Open sessions in this silo, by state: issued (minted here, unused, secret unexpired) or live (grain active here); sum over silos for the cluster.");
        meter.CreateObservableCounter("realtime.sessions.closed", ObserveClosed, "{session}",
            "Sessions that ended (in this silo) or whose secret expired unused (minted in this silo), by state.");
    }

    /// <summary>A user grain of this silo minted a secret: its session is issued until the secret expires.</summary>
    public void Issued(DateTimeOffset expiresAt)
    {
        lock (_lock)
        {
            RetireExpired();
            var second = ExpirySecond(expiresAt);
            if (second <= NowSecond()) return; // expired already: nothing to count as open
            _issuedByExpirySecond[second] = _issuedByExpirySecond.GetValueOrDefault(second) + 1;
            _earliestSecond = Math.Min(_earliestSecond, second);
            _issued++;
        }
    }

    /// <summary>An issued session went live or ended before its secret expired: it no longer counts as issued.</summary>
    public void NoLongerIssued(DateTimeOffset expiresAt)
    {
        lock (_lock)
        {
            var second = ExpirySecond(expiresAt);
            if (!_issuedByExpirySecond.TryGetValue(second, out var count)) return; // retired, or counted on another silo
            if (count == 1) _issuedByExpirySecond.Remove(second);
            else _issuedByExpirySecond[second] = count - 1;
            _issued--;
        }
    }

    /// <summary>A session grain of this silo is live (it went live, or a live session was activated here).</summary>
    public void LiveActivated() => Interlocked.Increment(ref _live);

    /// <summary>A live session grain of this silo ended or was deactivated.</summary>
    public void LiveDeactivated() => Interlocked.Decrement(ref _live);

    /// <summary>A session grain of this silo ended its session (owner, or idle timeout).</summary>
    public void Ended() => Interlocked.Increment(ref _ended);

    private IEnumerable<Measurement<long>> ObserveOpen() =>
    [
        new(IssuedAndExpired().Issued, new KeyValuePair<string, object?>("state", "issued")),
        new(Interlocked.Read(ref _live), new KeyValuePair<string, object?>("state", "live")),
    ];

    private IEnumerable<Measurement<long>> ObserveClosed() =>
    [
        new(Interlocked.Read(ref _ended), new KeyValuePair<string, object?>("state", "ended")),
        new(IssuedAndExpired().Expired, new KeyValuePair<string, object?>("state", "expired")),
    ];

    // Both figures as the clock has them now: what expired meanwhile moves from issued to expired first.
    private (long Issued, long Expired) IssuedAndExpired()
    {
        lock (_lock)
        {
            RetireExpired();
            return (_issued, _expired);
        }
    }

    // Under the lock: issued sessions whose secret expired are closed as expired.
    private void RetireExpired()
    {
        var now = NowSecond();
        if (now < _earliestSecond) return;
        var retired = new List<long>();
        _earliestSecond = long.MaxValue;
        foreach (var (second, count) in _issuedByExpirySecond)
        {
            if (second > now)
            {
                _earliestSecond = second;
                break;
            }
            retired.Add(second);
            _issued -= count;
            _expired += count;
        }
        retired.ForEach(second => _issuedByExpirySecond.Remove(second));
    }

    private long NowSecond() => _time.GetUtcNow().ToUnixTimeSeconds();

    private static long ExpirySecond(DateTimeOffset expiresAt) =>
        expiresAt.ToUnixTimeSeconds() + (expiresAt.UtcTicks % TimeSpan.TicksPerSecond == 0 ? 0 : 1);
}
