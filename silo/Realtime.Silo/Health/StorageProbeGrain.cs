using Realtime.Shared.Health;
using Realtime.Silo.Hosting;

namespace Realtime.Silo.Health;

/// <summary>
/// A write and a read of one small record through the same storage every Realtime grain uses, so /healthz sees a
/// dead database, a full disk or an unreachable Redis the way the grains would. It reads first: after a failed write
/// (or another activation's write) the stored ETag is fresh again, so one failure never sticks.
/// </summary>
public sealed class StorageProbeGrain(
    [PersistentState("probe", RealtimeStorage.Name)] IPersistentState<StorageProbeRecord> state,
    TimeProvider time) : Grain, IStorageProbeGrain
{
    public async Task<long> Probe()
    {
        await state.ReadStateAsync();
        state.State.Probes++;
        state.State.LastProbeAt = time.GetUtcNow();
        await state.WriteStateAsync();
        await state.ReadStateAsync();
        return state.State.Probes;
    }
}
