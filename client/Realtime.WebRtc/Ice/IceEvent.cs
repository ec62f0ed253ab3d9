namespace Realtime.WebRtc.Ice;

/// <summary>Something the application may care about, polled from the agent after each input.</summary>
public abstract record IceEvent;
