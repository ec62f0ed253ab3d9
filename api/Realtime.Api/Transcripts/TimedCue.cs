namespace Realtime.Api.Transcripts;

/// <summary>A transcript segment placed on the session's timeline, ready to print in any format.</summary>
public sealed record TimedCue(string SegmentId, string Role, string Kind, string Text, TimeSpan Start, TimeSpan End);
