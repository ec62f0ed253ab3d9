namespace Realtime.Shared.Captions;

/// <summary>What an event does to the transcript (GA and beta names map onto these).</summary>
[GenerateSerializer]
public enum CaptionEventKind
{
    /// <summary>An event type captions do not use (session.updated, rate_limits.updated, …): counted, otherwise ignored.</summary>
    Ignored = 0,
    UserDelta = 1,
    UserCompleted = 2,
    UserFailed = 3,
    AssistantDelta = 4,
    AssistantDone = 5,
    SpeechStarted = 6,
    SpeechStopped = 7,
    Error = 8,

    /// <summary>A diarized piece of a user item's transcript: its own text, speaker and times.</summary>
    UserSegment = 9,

    /// <summary>input_audio_buffer.committed: where a user item sits in the conversation (its previous item).</summary>
    Committed = 10,
}
