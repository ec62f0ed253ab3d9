using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Realtime.WebRtc.Stun;

namespace Realtime.WebRtc.Ice;

/// <summary>
/// A sans-IO ICE agent (RFC 8445, 7675): fed datagrams and the time, it queues datagrams to send, events, and
/// the instant it next wants <see cref="HandleTimeout"/>. Full agents check pairs and keep consent; a lite agent
/// only answers checks, learning the peer from them. Not thread-safe: one driver owns it.
/// </summary>
public sealed partial class IceAgent
{
    private readonly IceAgentOptions _options;
    private readonly IceChecklist _checklist;
    private readonly Dictionary<StunTransactionId, IceCheck> _checks = [];
    private readonly Queue<IceTransmit> _transmits = new();
    private readonly Queue<IceEvent> _events = new();
    private readonly IceLiveness _liveness;
    private readonly byte[] _localPassword;
    private byte[] _remotePassword = [];
    private TimeSpan? _startedAt;
    private TimeSpan _nextCheckAt;

    public IceAgent(IceAgentOptions? options = null)
    {
        _options = options ?? new IceAgentOptions();
        Role = _options.Lite ? IceRole.Controlled : _options.Role; // a lite agent never controls
        LocalCredentials = _options.LocalCredentials
            ?? (_options.Random is { } r ? IceCredentials.Generate(r) : IceCredentials.Generate());
        TieBreaker = _options.TieBreaker ?? NewTieBreaker(_options.Random);
        _localPassword = Encoding.UTF8.GetBytes(LocalCredentials.Password);
        _checklist = new IceChecklist(_options.MaxPairs);
        _liveness = new IceLiveness(_options, _options.Random ?? Random.Shared);
    }

    public IceCredentials LocalCredentials { get; }
    public IceCredentials? RemoteCredentials { get; private set; }
    public IceRole Role { get; private set; }
    public bool IsLite => _options.Lite;
    public ulong TieBreaker { get; }
    public IceConnectionState State { get; private set; }
    public IReadOnlyList<IceCandidate> LocalCandidates => _checklist.Locals;
    public IReadOnlyList<IceCandidatePair> Pairs => _checklist.Pairs;

    /// <summary>The nominated pair application data uses.</summary>
    public IceCandidatePair? SelectedPair { get; private set; }

    /// <summary>
    /// Where to send application data now: the selected pair, or before nomination completes the best pair known
    /// to work (the DTLS handshake may start a round trip before nomination does). Null once failed or closed.
    /// </summary>
    public IceCandidatePair? ActivePair => IsFinished ? null : SelectedPair ?? _checklist.BestSucceeded();

    private bool IsFinished => State is IceConnectionState.Failed or IceConnectionState.Closed;

    /// <summary>Registers a bound socket's address as a host candidate; earlier ones get the higher local preference.</summary>
    public IceCandidate AddHostCandidate(IPEndPoint endPoint)
    {
        IceCandidate candidate = IceCandidate.CreateHost(Normalize(endPoint), 65535 - _checklist.Locals.Count);
        _checklist.AddLocal(candidate, Role);
        return candidate;
    }

    public void SetRemoteCredentials(IceCredentials credentials)
    {
        RemoteCredentials = credentials;
        _remotePassword = Encoding.UTF8.GetBytes(credentials.Password);
    }

    /// <summary>Adds a candidate from the remote description; false when it cannot be used (TCP, mDNS name, …).</summary>
    public bool AddRemoteCandidate(IceCandidate candidate) => !IsFinished && _checklist.AddRemote(candidate, Role);

    /// <summary>Runs whatever is due: retransmissions, the next paced check, a consent check, liveness deadlines.</summary>
    public void HandleTimeout(TimeSpan now)
    {
        if (IsFinished)
        {
            return;
        }
        _startedAt ??= now;
        if (CheckLiveness(now))
        {
            return;
        }
        RetransmitDueChecks(now);
        SendPacedCheck(now);
        SendConsentCheck(now);
    }

    /// <summary>
    /// Feeds a datagram received on the socket bound to <paramref name="local"/>. Returns true when it was a
    /// STUN message (consumed here); other datagrams belong to DTLS/SRTP.
    /// </summary>
    public bool HandleReceive(TimeSpan now, IPEndPoint local, IPEndPoint remote, ReadOnlySpan<byte> datagram)
    {
        if (!StunMessage.TryParse(datagram, out StunMessage? message))
        {
            return false;
        }
        if (IsFinished)
        {
            return true;
        }
        _startedAt ??= now;
        if (message.Type.Class == StunClass.Request)
        {
            HandleRequest(now, Normalize(local), Normalize(remote), message);
        }
        else if (message.Type.IsResponse)
        {
            HandleResponse(now, Normalize(local), Normalize(remote), message);
        }
        return true;
    }

    /// <summary>The instant <see cref="HandleTimeout"/> is next needed (Zero: now), or null when nothing will ever be due.</summary>
    public TimeSpan? PollTimeout()
    {
        if (IsFinished)
        {
            return null;
        }
        if (_startedAt is not { } started)
        {
            return TimeSpan.Zero;
        }
        TimeSpan next = SelectedPair is null ? started + _options.ConnectTimeout : LivenessDeadline();
        if (!IsLite && RemoteCredentials is not null && _checklist.HasCheckToSend(SelectedPair is not null))
        {
            next = Min(next, _nextCheckAt);
        }
        foreach (IceCheck check in _checks.Values)
        {
            next = Min(next, check.NextAt);
        }
        return next;
    }

    public bool TryPollTransmit(out IceTransmit transmit) => _transmits.TryDequeue(out transmit);

    public bool TryPollEvent([NotNullWhen(true)] out IceEvent? iceEvent) => _events.TryDequeue(out iceEvent);

    /// <summary>Stops everything; pending transmits are dropped.</summary>
    public void Close()
    {
        if (State != IceConnectionState.Closed)
        {
            StopSending();
            SetState(IceConnectionState.Closed);
        }
    }

    private TimeSpan LivenessDeadline()
    {
        TimeSpan next = _liveness.ExpiresAt;
        if (State == IceConnectionState.Connected)
        {
            next = Min(next, _liveness.StaleAt);
        }
        return IsLite ? next : Min(next, _liveness.NextConsentAt);
    }

    /// <summary>Applies the connect timeout and consent expiry; true when the agent has just failed.</summary>
    private bool CheckLiveness(TimeSpan now)
    {
        bool failed = SelectedPair is null ? now - _startedAt >= _options.ConnectTimeout : _liveness.IsExpired(now);
        if (failed)
        {
            // RFC 7675 §5.1: once consent is lost, stop sending on the path altogether.
            StopSending();
            SetState(IceConnectionState.Failed);
            return true;
        }
        if (State == IceConnectionState.Connected && _liveness.IsStale(now))
        {
            SetState(IceConnectionState.Disconnected);
        }
        return false;
    }

    private void RetransmitDueChecks(TimeSpan now)
    {
        foreach (IceCheck check in _checks.Values.Where(c => now >= c.NextAt).ToList())
        {
            if (check.IsExhausted || IsSuperseded(check))
            {
                _checks.Remove(check.Id);
                OnCheckAbandoned(check);
                continue;
            }
            Send(check.Pair, check.Request);
            check.Retransmitted(now, _options.MaxRto);
        }
    }

    /// <summary>Once a pair is selected, retrying worse pairs cannot change anything (RFC 8445 §8.1.2).</summary>
    private bool IsSuperseded(IceCheck check) =>
        !check.IsConsent && SelectedPair is { } selected && check.Pair != selected && check.Pair.Priority < selected.Priority;

    private void OnCheckAbandoned(IceCheck check)
    {
        bool otherCheckPending = _checks.Values.Any(c => c.Pair == check.Pair);
        if (!check.IsConsent && !otherCheckPending && check.Pair.State == IceCandidatePairState.InProgress)
        {
            check.Pair.State = IceCandidatePairState.Failed;
        }
    }

    private void SendPacedCheck(TimeSpan now)
    {
        if (IsLite || RemoteCredentials is null || now < _nextCheckAt)
        {
            return;
        }
        if (_checklist.NextToCheck(SelectedPair is not null) is { } pair)
        {
            StartCheck(pair, now, isConsent: false);
            _nextCheckAt = now + _options.CheckInterval;
        }
    }

    private void SendConsentCheck(TimeSpan now)
    {
        bool due = !IsLite && SelectedPair is not null && RemoteCredentials is not null && now >= _liveness.NextConsentAt;
        if (due)
        {
            StartCheck(SelectedPair!, now, isConsent: true);
            _liveness.ScheduleNextConsent(now);
        }
    }

    /// <summary>
    /// Sends a Binding request on the pair. A controlling agent puts USE-CANDIDATE on every check, consent checks
    /// included: ICE-lite peers such as OpenAI only select (and keep) a pair that is nominated.
    /// </summary>
    private void StartCheck(IceCandidatePair pair, TimeSpan now, bool isConsent)
    {
        StunTransactionId id = NewTransactionId();
        bool nominating = Role == IceRole.Controlling;
        string username = $"{RemoteCredentials!.Ufrag}:{LocalCredentials.Ufrag}";
        uint priority = IceCandidate.ComputePriority(IceCandidateType.PeerReflexive, (int)(pair.Local.Priority >> 8) & 0xFFFF);
        byte[] request = IceMessages.Check(id, username, priority, Role, TieBreaker, nominating, _remotePassword);
        int transmissions = isConsent ? 3 : _options.MaxCheckTransmissions;
        _checks[id] = new IceCheck(id, pair, request, Role, nominating, isConsent, transmissions, _options.InitialRto, now);
        if (!isConsent)
        {
            pair.State = IceCandidatePairState.InProgress;
        }
        if (State == IceConnectionState.New)
        {
            SetState(IceConnectionState.Checking);
        }
        Send(pair, request);
    }

    private void Send(IceCandidatePair pair, byte[] payload) =>
        _transmits.Enqueue(new IceTransmit(pair.Local.EndPoint!, pair.Remote.EndPoint!, payload));

    private void StopSending()
    {
        _checks.Clear();
        _checklist.ClearTriggered();
        _transmits.Clear();
    }

    private void SetState(IceConnectionState state)
    {
        if (State != state)
        {
            State = state;
            _events.Enqueue(new IceStateChangedEvent(state));
        }
    }

    private StunTransactionId NewTransactionId() =>
        _options.Random is { } random ? StunTransactionId.NewRandom(random) : StunTransactionId.NewRandom();

    private static ulong NewTieBreaker(Random? random)
    {
        Span<byte> bytes = stackalloc byte[8];
        if (random is null)
        {
            RandomNumberGenerator.Fill(bytes);
        }
        else
        {
            random.NextBytes(bytes);
        }
        return BitConverter.ToUInt64(bytes);
    }

    /// <summary>Dual-mode sockets report IPv4 peers as ::ffff:a.b.c.d; compare them as plain IPv4.</summary>
    private static IPEndPoint Normalize(IPEndPoint endPoint) => endPoint.Address.IsIPv4MappedToIPv6
        ? new IPEndPoint(endPoint.Address.MapToIPv4(), endPoint.Port)
        : endPoint;

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
