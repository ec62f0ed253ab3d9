using Orleans.Storage;

namespace Realtime.Silo.Storage;

/// <summary>
/// <see cref="IPersistentState{TState}"/> straight over the configured <see cref="IGrainStorage"/>: how every grain of
/// this silo keeps its state. It is for state whose operations never overlap: a grain whose turns never interleave
/// (not reentrant, no interleaving timers, as all of them), or the one writer of a record no grain holds yet
/// (<see cref="Sessions.SessionIssuer"/>).
/// <para>
/// Why not Orleans' own bridge (<c>[PersistentState]</c>): it queues every operation and yields before running it
/// (<c>ConfigureAwaitOptions.ForceYielding</c>), so that the operations of interleaving turns keep their order.
/// Without interleaving that queue is always empty, and the yield costs each write a trip through the activation's
/// scheduler and allocations: on the token path, once per mint. What this leaves out: the state is
/// read when the grain asks (<see cref="DirectStates.ReadAsync{TState}"/> in <c>OnActivateAsync</c>), not by the activation
/// lifecycle; a migrating activation reads storage again instead of carrying its state along; and the writes do not
/// appear in Orleans' <c>orleans-storage-*</c> metrics.
/// </para>
/// <para>
/// Failures reach the caller as Orleans' bridge reports them: an etag conflict as the provider's
/// <see cref="InconsistentStateException"/>, anything else (a store that cannot be reached) wrapped in an
/// <see cref="OrleansException"/>, which the api answers with 503 rather than 500.
/// </para>
/// </summary>
/// <param name="storage">The grain storage provider the state is read from and written to.</param>
/// <param name="stateName">The name the record is stored under, as <c>[PersistentState]</c>'s state name.</param>
/// <param name="grainId">The grain whose record this is.</param>
/// <param name="initial">The state until a read finds a record (a fresh one, as Orleans' bridge starts with).</param>
public sealed class DirectPersistentState<TState>(IGrainStorage storage, string stateName, GrainId grainId, TState initial) : IPersistentState<TState>
{
    private readonly GrainState<TState> _state = new(initial);

    public TState State
    {
        get => _state.State!;
        set => _state.State = value;
    }

    public string? Etag => _state.ETag;

    public bool RecordExists => _state.RecordExists;

    public Task ReadStateAsync() => RunAsync(Operation.Read);

    public Task WriteStateAsync() => RunAsync(Operation.Write);

    public Task ClearStateAsync() => RunAsync(Operation.Clear);

    public Task ReadStateAsync(CancellationToken cancellationToken) => ReadStateAsync();

    public Task WriteStateAsync(CancellationToken cancellationToken) => WriteStateAsync();

    public Task ClearStateAsync(CancellationToken cancellationToken) => ClearStateAsync();

    // The providers here complete synchronously when they can (memory always): no state machine then. A provider
    // that throws instead of returning a faulted task fails the returned task all the same.
    private Task RunAsync(Operation operation)
    {
        Task pending;
        try
        {
            pending = operation switch
            {
                Operation.Read => storage.ReadStateAsync(stateName, grainId, _state),
                Operation.Write => storage.WriteStateAsync(stateName, grainId, _state),
                _ => storage.ClearStateAsync(stateName, grainId, _state),
            };
        }
        catch (Exception e)
        {
            return Task.FromException(Reported(operation, e));
        }
        return pending.IsCompletedSuccessfully ? Task.CompletedTask : AwaitAsync(operation, pending);
    }

    private async Task AwaitAsync(Operation operation, Task pending)
    {
        try
        {
            await pending;
        }
        catch (Exception e) when (!PassesAsIs(e))
        {
            throw Wrapped(operation, e);
        }
    }

    private Exception Reported(Operation operation, Exception e) => PassesAsIs(e) ? e : Wrapped(operation, e);

    private static bool PassesAsIs(Exception e) => e is OrleansException or OperationCanceledException;

    // The type only in the message: a store's own message may name its endpoint or credentials.
    private OrleansException Wrapped(Operation operation, Exception e) =>
        new($"The storage {operation.ToString().ToLowerInvariant()} of '{stateName}' for {grainId} failed ({e.GetType().Name}).", e);

    private enum Operation
    {
        Read,
        Write,
        Clear,
    }
}
