namespace Realtime.WebRtc.Ice;

/// <summary>Application data now goes over this pair.</summary>
public sealed record IceSelectedPairChangedEvent(IceCandidatePair Pair) : IceEvent;
