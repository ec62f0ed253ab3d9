using Realtime.Shared.Captions;

namespace Realtime.Silo.Tests.Sessions.Captions;

/// <summary>Parsed caption events, as the api's parser hands them to the session grain.</summary>
public static class Events
{
    public static CaptionEvent UserDelta(string id, string item, string delta, int index = 0) =>
        new(id, CaptionEventKind.UserDelta, item, index, delta, null);

    public static CaptionEvent UserCompleted(string id, string item, string transcript, int index = 0) =>
        new(id, CaptionEventKind.UserCompleted, item, index, transcript, null);

    public static CaptionEvent UserFailed(string id, string item, int index = 0) =>
        new(id, CaptionEventKind.UserFailed, item, index, null, null);

    public static CaptionEvent AssistantDelta(string id, string item, string delta, int index = 0) =>
        new(id, CaptionEventKind.AssistantDelta, item, index, delta, null);

    public static CaptionEvent AssistantDone(string id, string item, string text, int index = 0) =>
        new(id, CaptionEventKind.AssistantDone, item, index, text, null);

    public static CaptionEvent SpeechStarted(string id, string item, long ms) =>
        new(id, CaptionEventKind.SpeechStarted, item, 0, null, ms);

    public static CaptionEvent SpeechStopped(string id, string item, long ms) =>
        new(id, CaptionEventKind.SpeechStopped, item, 0, null, ms);

    public static CaptionEvent Diarized(string id, string item, string part, string speaker, string text, long startMs, long endMs) =>
        new(id, CaptionEventKind.UserSegment, item, 0, text, startMs, speaker, part, endMs);

    public static CaptionEvent Committed(string id, string item, string? previous) =>
        new(id, CaptionEventKind.Committed, item, 0, null, null, PreviousItemId: previous);

    public static CaptionEvent Ignored(string id) => new(id, CaptionEventKind.Ignored, null, 0, null, null);

    public static CaptionEvent Error(string id) => new(id, CaptionEventKind.Error, null, 0, null, null);
}
