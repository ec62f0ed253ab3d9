namespace Realtime.Client.Speaking;

/// <summary>Where a <see cref="RealtimeSpeaker"/> is in its one life: it is never reused after <see cref="Stopped"/>.</summary>
public enum SpeakerState
{
    New,
    Connecting,
    Live,
    Stopping,
    Stopped,
}
