namespace Realtime.WebRtc.Ice;

/// <summary>A pair's check state (RFC 8445 §6.1.2.6). There is no Frozen: with one component and a handful
/// of candidates, unfreezing by foundation buys nothing.</summary>
public enum IceCandidatePairState
{
    Waiting,
    InProgress,
    Succeeded,
    Failed,
}
