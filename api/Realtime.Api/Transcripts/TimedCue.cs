namespace Realtime.Api.Transcripts;

/// <summary>A transcript segment placed on the session's timeline, ready to print in any format; a diarized one names its speaker.</summary>
public sealed record TimedCue(string SegmentId, string Role, string Kind, string Text, TimeSpan Start, TimeSpan End, string? Speaker = null);
