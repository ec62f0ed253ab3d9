using System.Diagnostics.Metrics;

namespace Realtime.Api.Observability;

/// <summary>
/// The api's own instruments, all on one meter (<see cref="MeterName"/>) that OpenTelemetry exports at /metrics.
/// One singleton owns the meter (created through <see cref="IMeterFactory"/>, so each host — and each test host in
/// one process — has its own) and is injected where something is counted. Durations use the injected
/// <see cref="TimeProvider"/>'s timestamps. No instrument ever carries a key, a secret, a token, a user or a
/// session id as a tag: tags are small fixed vocabularies, so /metrics can stay public.
/// </summary>
public sealed class RealtimeMetrics
{
    public const string MeterName = "Realtime.Orleans";

    private readonly TimeProvider _time;
    private readonly Meter _meter;
    private readonly Counter<long> _minted;
    private readonly Counter<long> _refused;
    private readonly Counter<long> _calls;
    private readonly Histogram<double> _upstream;
    private readonly Histogram<double> _publish;
    private readonly Histogram<double> _fanout;

    public RealtimeMetrics(IMeterFactory meters, TimeProvider time)
    {
        _time = time;
        _meter = meters.Create(MeterName);
        _minted = _meter.CreateCounter<long>("realtime.secrets.minted", "{secret}",
            "Ephemeral OpenAI secrets minted by this node.");
        _refused = _meter.CreateCounter<long>("realtime.secrets.refused", "{request}",
            "Secret requests this node refused, by reason (a RefusalReasons value).");
        _calls = _meter.CreateCounter<long>("realtime.calls", "{call}",
            "POST /api/sessions/{id}/calls by outcome (a CallOutcomes value): the WebRTC connection success rate.");
        _upstream = _meter.CreateHistogram<double>("realtime.upstream.duration", "s",
            "Time of OpenAI's POST /v1/realtime/client_secrets as this node saw it, by outcome.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBuckets });
        _publish = _meter.CreateHistogram<double>("realtime.captions.publish.duration", "s",
            "From the hub receiving Publish to its acknowledgement (the session grain has persisted the finals), by outcome.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBuckets });
        _fanout = _meter.CreateHistogram<double>("realtime.captions.fanout.duration", "s",
            "From this node's caption observer receiving a batch to its updates being queued in every local viewer's outbox.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBuckets });
    }

    // Sub-millisecond (fan-out in memory) up to the upstream timeout.
    private static readonly IReadOnlyList<double> LatencyBuckets =
        [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

    /// <summary>A start mark for one of the durations below.</summary>
    public long Start() => _time.GetTimestamp();

    public void SecretMinted(string type) => _minted.Add(1, new KeyValuePair<string, object?>("type", type));

    public void CallEnded(string outcome) => _calls.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public void SecretRefused(string reason) => _refused.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void UpstreamCall(long start, string outcome) =>
        _upstream.Record(Seconds(start), new KeyValuePair<string, object?>("outcome", outcome));

    public void Published(long start, string outcome) =>
        _publish.Record(Seconds(start), new KeyValuePair<string, object?>("outcome", outcome));

    public void FannedOut(long start) => _fanout.Record(Seconds(start));

    /// <summary>
    /// Node-local gauges read at scrape time: viewer connections this node streams to, and the sessions they
    /// watch. Called once by the owner of those figures (the caption fan-out).
    /// </summary>
    public void ObserveViewers(Func<int> viewers, Func<int> sessions)
    {
        _meter.CreateObservableGauge("realtime.viewers", viewers, "{viewer}",
            "Viewer subscriptions (connection × session) this node streams captions to.");
        _meter.CreateObservableGauge("realtime.viewers.sessions", sessions, "{session}",
            "Sessions with at least one viewer on this node.");
    }

    private double Seconds(long start) => _time.GetElapsedTime(start).TotalSeconds;
}
