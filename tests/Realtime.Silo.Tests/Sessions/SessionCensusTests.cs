using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Time.Testing;
using Realtime.Silo.Sessions;

namespace Realtime.Silo.Tests.Sessions;

public sealed class SessionCensusTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly FakeTimeProvider _clock = new(Now);
    private readonly SessionCensus _census;
    private readonly MetricCollector<long> _open;
    private readonly MetricCollector<long> _closed;

    public SessionCensusTests()
    {
        var meters = _services.GetRequiredService<IMeterFactory>();
        _census = new SessionCensus(meters, _clock);
        _open = new MetricCollector<long>(meters, SessionCensus.MeterName, "realtime.sessions.open");
        _closed = new MetricCollector<long>(meters, SessionCensus.MeterName, "realtime.sessions.closed");
    }

    public void Dispose()
    {
        _open.Dispose();
        _closed.Dispose();
        _services.Dispose();
    }

    [Fact]
    public void Issued_sessions_count_until_their_secret_expires_and_then_count_as_expired()
    {
        _census.Issued(Now.AddSeconds(10));
        _census.Issued(Now.AddSeconds(10.5));
        _census.Issued(Now.AddSeconds(30));
        Assert.Equal((3, 0), (Open("issued"), Closed("expired")));

        _clock.Advance(TimeSpan.FromSeconds(11));
        Assert.Equal((1, 2), (Open("issued"), Closed("expired")));

        _clock.Advance(TimeSpan.FromSeconds(20));
        Assert.Equal((0, 3), (Open("issued"), Closed("expired")));
    }

    [Fact]
    public void A_session_that_goes_live_or_ends_early_leaves_the_issued_count_and_never_expires()
    {
        _census.Issued(Now.AddSeconds(60));
        _census.Issued(Now.AddSeconds(60));
        _census.NoLongerIssued(Now.AddSeconds(60));
        _census.LiveActivated();
        _census.NoLongerIssued(Now.AddSeconds(60));
        _census.Ended();
        _census.NoLongerIssued(Now.AddSeconds(60)); // nothing left at that second: changes nothing

        _clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal((0, 1), (Open("issued"), Open("live")));
        Assert.Equal((0, 1), (Closed("expired"), Closed("ended")));

        _census.LiveDeactivated();
        Assert.Equal(0, Open("live"));
    }

    [Fact]
    public void A_secret_that_expired_before_it_was_counted_is_not_open()
    {
        _census.Issued(Now.AddSeconds(-1));

        Assert.Equal((0, 0), (Open("issued"), Closed("expired")));
    }

    private long Open(string state) => Observe(_open, state);

    private long Closed(string state) => Observe(_closed, state);

    private static long Observe(MetricCollector<long> collector, string state)
    {
        collector.RecordObservableInstruments();
        return collector.GetMeasurementSnapshot().Last(m => m.Tags["state"] as string == state).Value;
    }
}
