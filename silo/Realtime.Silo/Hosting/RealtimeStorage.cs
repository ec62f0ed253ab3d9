namespace Realtime.Silo.Hosting;

/// <summary>The one grain storage every Realtime grain persists to, and the providers that can back it.</summary>
public static class RealtimeStorage
{
    /// <summary>The storage name in every <c>[PersistentState]</c> of this silo.</summary>
    public const string Name = "realtime";

    /// <summary>The configuration key that picks the provider.</summary>
    public const string ProviderKey = "Storage:Provider";

    /// <summary>In-process memory: nothing survives a restart. The default until the durable providers arrive.</summary>
    public const string Memory = "Memory";

    /// <summary>The values <see cref="ProviderKey"/> accepts today.</summary>
    public static IReadOnlyList<string> Providers { get; } = [Memory];
}
