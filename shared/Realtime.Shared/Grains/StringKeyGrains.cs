namespace Realtime.Shared.Grains;

/// <summary>
/// References to the grains of one string-keyed interface, with the interface's grain type resolved once.
/// <see cref="IGrainFactory.GetGrain{TGrainInterface}(string, string?)"/> resolves the interface by reflection on
/// every call, and the token path makes references on every request (a user grain) and every mint (a session id).
/// </summary>
public sealed class StringKeyGrains<TGrain>(IGrainFactory factory) where TGrain : IGrainWithStringKey
{
    // Resolved on first use rather than at construction: a cluster client learns the grain types when it connects.
    // A reference, so threads that race on first use each see a whole value.
    private Resolved? _resolved;

    public TGrain Get(string key)
    {
        var resolved = _resolved ??= Resolve();
        return (TGrain)factory.GetGrain(GrainId.Create(resolved.Type, key), resolved.Interface);
    }

    /// <summary>The id of the grain with this key, without making a reference.</summary>
    public GrainId IdOf(string key) => GrainId.Create((_resolved ??= Resolve()).Type, key);

    private Resolved Resolve()
    {
        var sample = (GrainReference)(object)factory.GetGrain<TGrain>("resolve");
        return new Resolved(sample.GrainId.Type, sample.InterfaceType);
    }

    private sealed record Resolved(GrainType Type, GrainInterfaceType Interface);
}
