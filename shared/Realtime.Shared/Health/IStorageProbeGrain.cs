namespace Realtime.Shared.Health;

/// <summary>
/// Proves that the grain storage answers: each call reads, writes and reads back one tiny record through the
/// configured provider (Sqlite, Redis or Memory). Used by /healthz; key <see cref="Key"/>.
/// </summary>
public interface IStorageProbeGrain : IGrainWithStringKey
{
    /// <summary>The one probe record: health checks must not leave a trail of rows behind.</summary>
    public const string Key = "healthz";

    /// <summary>Round-trips the record; answers how many probes it has counted (it survives restarts on durable storage).</summary>
    Task<long> Probe();
}
