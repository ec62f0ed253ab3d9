namespace Realtime.WebRtc.Ice;

public sealed record IceStateChangedEvent(IceConnectionState State) : IceEvent;
