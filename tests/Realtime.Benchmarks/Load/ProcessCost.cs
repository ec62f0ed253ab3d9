namespace Realtime.Benchmarks.Load;

/// <summary>
/// What this process's garbage collector saw over a run: bytes allocated and collections per generation. The
/// benchmark's clients and both servers share the process, so a run's figure includes its clients' allocations;
/// the clients do the same work against either server, so the difference between two servers is theirs.
/// </summary>
public readonly record struct ProcessCost(long AllocatedBytes, int Gen0, int Gen1, int Gen2)
{
    public static ProcessCost Now() =>
        new(GC.GetTotalAllocatedBytes(precise: false), GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));

    public static ProcessCost operator -(ProcessCost end, ProcessCost start) =>
        new(end.AllocatedBytes - start.AllocatedBytes, end.Gen0 - start.Gen0, end.Gen1 - start.Gen1, end.Gen2 - start.Gen2);

    /// <summary>The larger of two figures of overlapping runs (the counters are process-wide, so they must not be added).</summary>
    public static ProcessCost Max(ProcessCost a, ProcessCost b) =>
        new(Math.Max(a.AllocatedBytes, b.AllocatedBytes), Math.Max(a.Gen0, b.Gen0), Math.Max(a.Gen1, b.Gen1), Math.Max(a.Gen2, b.Gen2));
}
