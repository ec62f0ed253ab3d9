using System.Net;

namespace Realtime.WebRtc.Ice;

/// <summary>Local and remote candidates, the pairs formed from them (highest priority first) and the triggered-check queue.</summary>
internal sealed class IceChecklist(int maxPairs)
{
    private readonly List<IceCandidate> _locals = [];
    private readonly List<IceCandidate> _remotes = [];
    private readonly List<IceCandidatePair> _pairs = [];
    private readonly Queue<IceCandidatePair> _triggered = new();

    public IReadOnlyList<IceCandidate> Locals => _locals;
    public IReadOnlyList<IceCandidatePair> Pairs => _pairs;

    public void AddLocal(IceCandidate local, IceRole role)
    {
        _locals.Add(local);
        foreach (IceCandidate remote in _remotes)
        {
            TryPair(local, remote, role);
        }
    }

    /// <summary>Adds a signalled remote candidate; false when we cannot use it (TCP, mDNS name, other component).</summary>
    public bool AddRemote(IceCandidate remote, IceRole role)
    {
        if (!remote.IsUdp || remote.Component != 1 || remote.EndPoint is not { } endPoint)
        {
            return false;
        }
        if (FindRemote(endPoint) is { } known)
        {
            // A signalled candidate replaces the peer-reflexive one learned earlier for the same address.
            ReplaceRemote(known, remote);
            return true;
        }
        _remotes.Add(remote);
        foreach (IceCandidate local in _locals)
        {
            TryPair(local, remote, role);
        }
        return true;
    }

    public IceCandidatePair? Find(IPEndPoint local, IPEndPoint remote) =>
        _pairs.FirstOrDefault(p => local.Equals(p.Local.EndPoint) && remote.Equals(p.Remote.EndPoint));

    /// <summary>The pair a check arrived on, creating a peer-reflexive remote candidate if its source is new.</summary>
    public IceCandidatePair? FindOrLearn(IPEndPoint local, IPEndPoint remote, uint priority, IceRole role)
    {
        if (Find(local, remote) is { } existing)
        {
            return existing;
        }
        IceCandidate? localCandidate = _locals.FirstOrDefault(c => local.Equals(c.EndPoint));
        if (localCandidate is null)
        {
            return null;
        }
        IceCandidate remoteCandidate = FindRemote(remote) ?? LearnRemote(remote, priority);
        return TryPair(localCandidate, remoteCandidate, role);
    }

    public void Reprioritize(IceRole role)
    {
        foreach (IceCandidatePair pair in _pairs)
        {
            pair.Reprioritize(role);
        }
        Sort();
    }

    public void Trigger(IceCandidatePair pair)
    {
        if (!_triggered.Contains(pair))
        {
            pair.State = IceCandidatePairState.Waiting;
            _triggered.Enqueue(pair);
        }
    }

    /// <summary>Triggered checks first; then, until a pair is selected, the best pair still waiting.</summary>
    public IceCandidatePair? NextToCheck(bool selected)
    {
        if (_triggered.TryDequeue(out IceCandidatePair? triggered))
        {
            return triggered;
        }
        return selected ? null : _pairs.FirstOrDefault(p => p.State == IceCandidatePairState.Waiting);
    }

    public bool HasCheckToSend(bool selected) =>
        _triggered.Count > 0 || (!selected && _pairs.Any(p => p.State == IceCandidatePairState.Waiting));

    public IceCandidatePair? BestSucceeded() => _pairs.FirstOrDefault(p => p.State == IceCandidatePairState.Succeeded);

    public void ClearTriggered() => _triggered.Clear();

    private IceCandidate? FindRemote(IPEndPoint endPoint) => _remotes.FirstOrDefault(c => endPoint.Equals(c.EndPoint));

    private IceCandidate LearnRemote(IPEndPoint remote, uint priority)
    {
        IceCandidate learned = IceCandidate.CreatePeerReflexive(remote, priority);
        _remotes.Add(learned);
        return learned;
    }

    private void ReplaceRemote(IceCandidate known, IceCandidate signalled)
    {
        _remotes[_remotes.IndexOf(known)] = signalled;
        foreach (IceCandidatePair pair in _pairs.Where(p => p.Remote == known))
        {
            pair.Remote = signalled;
        }
    }

    private IceCandidatePair? TryPair(IceCandidate local, IceCandidate remote, IceRole role)
    {
        bool sameFamily = local.EndPoint?.AddressFamily == remote.EndPoint?.AddressFamily;
        if (!sameFamily || _pairs.Count >= maxPairs || Find(local.EndPoint!, remote.EndPoint!) is not null)
        {
            return null;
        }
        var pair = new IceCandidatePair(local, remote, role);
        _pairs.Add(pair);
        Sort();
        return pair;
    }

    private void Sort() => _pairs.Sort((a, b) => b.Priority.CompareTo(a.Priority));
}
