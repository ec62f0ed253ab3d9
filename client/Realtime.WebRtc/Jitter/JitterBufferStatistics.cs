namespace Realtime.WebRtc.Jitter;

/// <summary>What the jitter buffer did so far, for stats and for tests that bound its behaviour.</summary>
public sealed record JitterBufferStatistics(
    long FramesDecoded,
    long FramesConcealed,
    long FramesSilent,
    long PacketsLate,
    long PacketsDuplicated,
    long PacketsSkippedForLatency,
    TimeSpan MaxWait);
