namespace Realtime.Silo.Health;

/// <summary>What the storage probe persists: a counter, so each probe really changes the stored record.</summary>
[GenerateSerializer, Alias("Realtime.Silo.StorageProbeRecord")]
public sealed class StorageProbeRecord
{
    [Id(0)] public long Probes { get; set; }

    [Id(1)] public DateTimeOffset LastProbeAt { get; set; }
}
