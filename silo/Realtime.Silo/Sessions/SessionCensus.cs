using System.Diagnostics.Metrics;
using Realtime.Shared.Sessions;

namespace Realtime.Silo.Sessions;

/// <summary>
/// Sessions by state as this silo sees them, on the meter "Realtime.Orleans" (exported at the api's /metrics when
/// the silo is co-hosted). Cheap and truthful without any cluster-wide query: every open session has an active
/// grain — an issued one is kept alive until its secret expires, a live one is active while it publishes, is
/// watched, or until its idle timeout (shorter than Orleans' collection age) ends it — so the gauge
/// <c>realtime.sessions.open{state=issued|live}</c>, summed over silos, is the cluster's open sessions. Closings
/// are counted where they happen (<c>realtime.sessions.closed{state=ended|expired}</c>).
/// </summary>
public sealed class SessionCensus
{
    public const string MeterName = "Realtime.Orleans";

    private readonly Counter<long> _closed;
    private long _issued;
    private long _live;

    public SessionCensus(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        meter.CreateObservableGauge("realtime.sessions.open", Observe, "{session}",
            "Open sessions whose grain is active in this silo, by state (issued or live); sum over silos for the cluster.");
        _closed = meter.CreateCounter<long>("realtime.sessions.closed", "{session}",
            "Sessions that ended or expired in this silo, by state.");
    }

    /// <summary>
    /// One grain's counted state changed: <see cref="SessionState.None"/> for a grain that counts nowhere (no
    /// session, or deactivated). A move from open to over is a closing.
    /// </summary>
    public void Moved(SessionState from, SessionState to)
    {
        if (from == to) return;
        Add(from, -1);
        Add(to, +1);
        if (from is SessionState.Issued or SessionState.Live && to is SessionState.Ended or SessionState.Expired)
            _closed.Add(1, new KeyValuePair<string, object?>("state", to == SessionState.Ended ? "ended" : "expired"));
    }

    private void Add(SessionState state, long delta)
    {
        if (state == SessionState.Issued) Interlocked.Add(ref _issued, delta);
        else if (state == SessionState.Live) Interlocked.Add(ref _live, delta);
    }

    private IEnumerable<Measurement<long>> Observe() =>
    [
        new(Interlocked.Read(ref _issued), new KeyValuePair<string, object?>("state", "issued")),
        new(Interlocked.Read(ref _live), new KeyValuePair<string, object?>("state", "live")),
    ];
}
