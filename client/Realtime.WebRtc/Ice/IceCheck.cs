using Realtime.WebRtc.Stun;

namespace Realtime.WebRtc.Ice;

/// <summary>One outstanding Binding request: the same bytes are retransmitted on a doubling timer (RFC 8489 §6.2.1).</summary>
internal sealed class IceCheck(StunTransactionId id, IceCandidatePair pair, byte[] request, IceRole roleWhenSent,
    bool nominating, bool isConsent, int maxTransmissions, TimeSpan rto, TimeSpan now)
{
    public StunTransactionId Id { get; } = id;
    public IceCandidatePair Pair { get; } = pair;
    public byte[] Request { get; } = request;

    /// <summary>A 487 answer means "switch away from the role this check claimed", not from today's role.</summary>
    public IceRole RoleWhenSent { get; } = roleWhenSent;

    /// <summary>Sent with USE-CANDIDATE.</summary>
    public bool Nominating { get; } = nominating;

    /// <summary>A consent check on the selected pair: its loss does not fail the pair, silence does.</summary>
    public bool IsConsent { get; } = isConsent;

    public int Transmissions { get; private set; } = 1;
    public TimeSpan Rto { get; private set; } = rto;
    public TimeSpan NextAt { get; private set; } = now + rto;

    public bool IsExhausted => Transmissions >= maxTransmissions;

    public void Retransmitted(TimeSpan now, TimeSpan maxRto)
    {
        Transmissions++;
        Rto = Rto + Rto > maxRto ? maxRto : Rto + Rto;
        NextAt = now + Rto;
    }
}
