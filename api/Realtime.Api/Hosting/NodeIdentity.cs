namespace Realtime.Api.Hosting;

/// <summary>This api process's identity in the cluster's bookkeeping (tenant usage reports, caption subscriptions).</summary>
public sealed class NodeIdentity
{
    public string Id { get; } = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid():N}";
}
