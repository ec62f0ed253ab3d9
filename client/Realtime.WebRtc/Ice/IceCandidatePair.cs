namespace Realtime.WebRtc.Ice;

/// <summary>A local candidate (the socket) and a remote candidate (where to send), with its check state.</summary>
public sealed class IceCandidatePair
{
    internal IceCandidatePair(IceCandidate local, IceCandidate remote, IceRole role)
    {
        Local = local;
        Remote = remote;
        Reprioritize(role);
    }

    public IceCandidate Local { get; }
    public IceCandidate Remote { get; internal set; }
    public ulong Priority { get; private set; }
    public IceCandidatePairState State { get; internal set; }

    /// <summary>The controlling agent has put USE-CANDIDATE on a check of this pair that succeeded.</summary>
    public bool Nominated { get; internal set; }

    /// <summary>Controlled side: USE-CANDIDATE arrived before our own check on the pair succeeded (RFC 8445 §7.3.1.5).</summary>
    internal bool NominateOnSuccess { get; set; }

    /// <summary>RFC 8445 §6.1.2.3: 2^32·min(G,D) + 2·max(G,D) + (G&gt;D ? 1 : 0), G being the controlling side's priority.</summary>
    public static ulong ComputePriority(uint controlling, uint controlled) =>
        ((ulong)Math.Min(controlling, controlled) << 32) + 2ul * Math.Max(controlling, controlled)
        + (controlling > controlled ? 1ul : 0ul);

    internal void Reprioritize(IceRole role) => Priority = role == IceRole.Controlling
        ? ComputePriority(Local.Priority, Remote.Priority)
        : ComputePriority(Remote.Priority, Local.Priority);

    public override string ToString() => $"{Local.Address}:{Local.Port} -> {Remote.Address}:{Remote.Port} {State}";
}
