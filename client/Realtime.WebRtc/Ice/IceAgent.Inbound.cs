using System.Net;
using Realtime.WebRtc.Stun;

namespace Realtime.WebRtc.Ice;

/// <summary>Incoming checks and answers to our checks.</summary>
public sealed partial class IceAgent
{
    private void HandleRequest(TimeSpan now, IPEndPoint local, IPEndPoint remote, StunMessage request)
    {
        if (request.Type.Method != StunMethod.Binding || !IsAuthentic(request))
        {
            // Unauthenticated checks are dropped unanswered: an answer would only help someone probing.
            return;
        }
        if (request.UnknownComprehensionRequired is { Count: > 0 } unknown)
        {
            Answer(local, remote, IceMessages.Error(request.TransactionId, StunErrorCode.UnknownAttribute, _localPassword, unknown));
            return;
        }
        if (!ResolveRoleConflict(request))
        {
            Answer(local, remote, IceMessages.Error(request.TransactionId, StunErrorCode.RoleConflict, _localPassword));
            return;
        }
        Answer(local, remote, IceMessages.Success(request.TransactionId, remote, _localPassword));
        if (_checklist.FindOrLearn(local, remote, request.Priority ?? 0, Role) is not { } pair)
        {
            return;
        }
        if (State == IceConnectionState.New)
        {
            SetState(IceConnectionState.Checking);
        }
        // The peer's own valid checks prove it is alive just as answers to ours do.
        NoteLife(pair, now);
        if (IsLite)
        {
            OnCheckToLiteAgent(pair, request, now);
        }
        else
        {
            OnCheckToFullAgent(pair, request, now);
        }
    }

    /// <summary>USERNAME must be "ourUfrag:theirUfrag" and MESSAGE-INTEGRITY must verify with our password.</summary>
    private bool IsAuthentic(StunMessage request)
    {
        string? username = request.Username;
        int colon = username?.IndexOf(':') ?? -1;
        if (username is null || colon < 0)
        {
            return false;
        }
        bool ours = username.AsSpan(0, colon).SequenceEqual(LocalCredentials.Ufrag);
        bool theirs = RemoteCredentials is null || username.AsSpan(colon + 1).SequenceEqual(RemoteCredentials.Ufrag);
        return ours && theirs && request.VerifyIntegrity(_localPassword);
    }

    /// <summary>RFC 8445 §7.3.1.1: the larger tie-breaker controls. False means "answer 487".</summary>
    private bool ResolveRoleConflict(StunMessage request)
    {
        if (request.IceControlling is { } theirControlling && Role == IceRole.Controlling)
        {
            if (TieBreaker >= theirControlling)
            {
                return false;
            }
            SwitchRole(IceRole.Controlled);
        }
        else if (request.IceControlled is { } theirControlled && Role == IceRole.Controlled)
        {
            // A lite agent can never control, so it always makes the full peer take the role.
            if (IsLite || TieBreaker < theirControlled)
            {
                return false;
            }
            SwitchRole(IceRole.Controlling);
        }
        return true;
    }

    private void SwitchRole(IceRole role)
    {
        Role = role;
        _checklist.Reprioritize(role);
        _events.Enqueue(new IceRoleChangedEvent(role));
        if (role == IceRole.Controlling)
        {
            // Working pairs were checked without USE-CANDIDATE; check them again so one gets nominated.
            foreach (IceCandidatePair pair in _checklist.Pairs.Where(p => p.State == IceCandidatePairState.Succeeded).ToList())
            {
                _checklist.Trigger(pair);
            }
        }
    }

    /// <summary>A lite agent trusts the check itself: the pair works, and USE-CANDIDATE selects it.</summary>
    private void OnCheckToLiteAgent(IceCandidatePair pair, StunMessage request, TimeSpan now)
    {
        pair.State = IceCandidatePairState.Succeeded;
        if (request.UseCandidate)
        {
            Nominate(pair, now);
        }
    }

    /// <summary>A full agent answers with a triggered check of its own (RFC 8445 §7.3.1.4) and honours nomination.</summary>
    private void OnCheckToFullAgent(IceCandidatePair pair, StunMessage request, TimeSpan now)
    {
        if (pair.State is IceCandidatePairState.Waiting or IceCandidatePairState.Failed)
        {
            _checklist.Trigger(pair);
        }
        if (Role != IceRole.Controlled || !request.UseCandidate)
        {
            return;
        }
        if (pair.State == IceCandidatePairState.Succeeded)
        {
            Nominate(pair, now);
        }
        else
        {
            pair.NominateOnSuccess = true;
        }
    }

    private void HandleResponse(TimeSpan now, IPEndPoint local, IPEndPoint remote, StunMessage response)
    {
        if (!_checks.TryGetValue(response.TransactionId, out IceCheck? check))
        {
            return; // late duplicate, or not ours
        }
        bool symmetric = local.Equals(check.Pair.Local.EndPoint) && remote.Equals(check.Pair.Remote.EndPoint);
        if (!symmetric || !response.VerifyIntegrity(_remotePassword))
        {
            return; // a forged or misrouted answer must not end the transaction
        }
        _checks.Remove(check.Id);
        if (response.Type.Class == StunClass.ErrorResponse)
        {
            OnCheckError(check, response.ErrorCode);
            return;
        }
        check.Pair.State = IceCandidatePairState.Succeeded;
        NoteLife(check.Pair, now);
        bool nominated = check.Nominating || (Role == IceRole.Controlled && check.Pair.NominateOnSuccess);
        if (nominated)
        {
            Nominate(check.Pair, now);
        }
    }

    private void OnCheckError(IceCheck check, StunErrorCode? error)
    {
        if (error?.Code == StunErrorCode.RoleConflict.Code)
        {
            IceRole opposite = check.RoleWhenSent == IceRole.Controlling ? IceRole.Controlled : IceRole.Controlling;
            if (Role != opposite)
            {
                SwitchRole(opposite);
            }
            _checklist.Trigger(check.Pair);
            return;
        }
        if (!check.IsConsent)
        {
            check.Pair.State = IceCandidatePairState.Failed;
        }
    }

    /// <summary>
    /// The controlling side keeps its best nominated pair; a controlled or lite side follows the latest
    /// nomination, since the controlling peer re-nominates its choice with every consent check.
    /// </summary>
    private void Nominate(IceCandidatePair pair, TimeSpan now)
    {
        pair.Nominated = true;
        pair.NominateOnSuccess = false;
        if (pair == SelectedPair)
        {
            return;
        }
        if (Role == IceRole.Controlling && SelectedPair is { } current && current.Priority >= pair.Priority)
        {
            return;
        }
        SelectedPair = pair;
        _liveness.Reset(now);
        _events.Enqueue(new IceSelectedPairChangedEvent(pair));
        SetState(IceConnectionState.Connected);
    }

    private void NoteLife(IceCandidatePair pair, TimeSpan now)
    {
        if (pair != SelectedPair)
        {
            return;
        }
        _liveness.Alive(now);
        if (State == IceConnectionState.Disconnected)
        {
            SetState(IceConnectionState.Connected);
        }
    }

    private void Answer(IPEndPoint local, IPEndPoint remote, byte[] payload) =>
        _transmits.Enqueue(new IceTransmit(local, remote, payload));
}
