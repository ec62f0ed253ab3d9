namespace Realtime.Api.Transcripts;

/// <summary>The JSON transcript of GET /api/sessions/{id}/transcript (serialized snake_case).</summary>
public sealed record TranscriptView(string SessionId, IReadOnlyList<TranscriptSegmentView> Segments);
