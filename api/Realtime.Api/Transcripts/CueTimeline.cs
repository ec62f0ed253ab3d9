using Realtime.Shared.Captions;

namespace Realtime.Api.Transcripts;

/// <summary>
/// Places segments on one timeline, the session's audio clock: the speech timings (audio_start_ms/audio_end_ms)
/// where OpenAI sent them, otherwise arrival times. Arrival times are moved onto the audio clock by the
/// moment audio started, estimated from the timed segments (a segment cannot arrive before it was spoken, so
/// the earliest arrival minus its start bounds it best); with no timed segment, the first event is time zero.
/// Cues are ordered by start (ties keep the transcript's conversation order), and each lasts at least <see cref="MinimumDuration"/> so players show it.
/// </summary>
public static class CueTimeline
{
    public static readonly TimeSpan MinimumDuration = TimeSpan.FromMilliseconds(500);

    public static IReadOnlyList<TimedCue> Place(Transcript transcript)
    {
        var origin = AudioStart(transcript);
        return transcript.Segments
            .Where(s => !string.IsNullOrWhiteSpace(s.Text))
            .Select(s => Cue(s, origin))
            .OrderBy(c => c.Start)
            .ToList();
    }

    private static DateTimeOffset AudioStart(Transcript transcript)
    {
        var timed = transcript.Segments.Where(s => s.StartMs is not null).Select(s => s.FirstSeenAt - TimeSpan.FromMilliseconds(s.StartMs!.Value));
        return timed.DefaultIfEmpty(transcript.FirstEventAt ?? transcript.Segments.Select(s => s.FirstSeenAt).DefaultIfEmpty().Min()).Min();
    }

    private static TimedCue Cue(CaptionSegment segment, DateTimeOffset origin)
    {
        var start = segment.StartMs is { } startMs ? TimeSpan.FromMilliseconds(startMs) : Clamp(segment.FirstSeenAt - origin);
        var end = segment.EndMs is { } endMs ? TimeSpan.FromMilliseconds(endMs) : Clamp(segment.UpdatedAt - origin);
        if (end < start + MinimumDuration) end = start + MinimumDuration;
        return new TimedCue(segment.SegmentId, segment.Role, segment.Kind, segment.Text.Trim(), start, end, segment.Speaker);
    }

    private static TimeSpan Clamp(TimeSpan value) => value < TimeSpan.Zero ? TimeSpan.Zero : value;
}
