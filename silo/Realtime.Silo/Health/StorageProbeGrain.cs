using Realtime.Shared.Health;
using Realtime.Silo.Storage;

namespace Realtime.Silo.Health;

/// <summary>
/// A write and a read of one small record through the same storage every Realtime grain uses, so /healthz sees a
/// dead database, a full disk or an unreachable Redis the way the grains would. It reads first: after a failed write
/// (or another activation's write) the stored ETag is fresh again, so one failure never sticks.
/// </summary>
public sealed class StorageProbeGrain(
    DirectStates states,
    TimeProvider time) : Grain, IStorageProbeGrain
{
    private DirectPersistentState<StorageProbeRecord> _state = null!;

    public override async Task OnActivateAsync(CancellationToken cancellationToken) =>
        _state = await states.ReadAsync<StorageProbeRecord>("probe", this.GetGrainId());

    public async Task<long> Probe()
    {
        await _state.ReadStateAsync();
        _state.State.Probes++;
        _state.State.LastProbeAt = time.GetUtcNow();
        await _state.WriteStateAsync();
        await _state.ReadStateAsync();
        return _state.State.Probes;
    }
}
