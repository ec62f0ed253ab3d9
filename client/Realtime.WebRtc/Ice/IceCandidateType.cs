namespace Realtime.WebRtc.Ice;

/// <summary>Candidate types with their SDP tokens <c>host</c>, <c>srflx</c>, <c>prflx</c>, <c>relay</c>.</summary>
public enum IceCandidateType
{
    Host,
    ServerReflexive,
    PeerReflexive,
    Relayed,
}
