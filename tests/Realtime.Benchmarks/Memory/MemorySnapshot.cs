using System.Diagnostics;
using System.Globalization;
using System.Runtime;

namespace Realtime.Benchmarks.Memory;

/// <summary>Managed heap and process working set right after a full, blocking, compacting GC.</summary>
public sealed record MemorySnapshot(long ManagedBytes, long WorkingSetBytes)
{
    public static MemorySnapshot Take()
    {
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        using var process = Process.GetCurrentProcess();
        return new MemorySnapshot(GC.GetTotalMemory(forceFullCollection: false), process.WorkingSet64);
    }

    public static string MiB(long bytes) => (bytes / 1024.0 / 1024.0).ToString("F1", CultureInfo.InvariantCulture);
}
