using System.Globalization;
using System.Text;

namespace Realtime.Api.Transcripts;

/// <summary>The export formats of GET /api/sessions/{id}/transcript: plain text, WebVTT and SRT (JSON is serialized directly).</summary>
public static class TranscriptFormat
{
    public static readonly string[] Names = ["json", "text", "vtt", "srt"];

    public static string ContentType(string format) => format switch
    {
        "vtt" => "text/vtt; charset=utf-8",
        "srt" => "application/x-subrip; charset=utf-8",
        "text" => "text/plain; charset=utf-8",
        _ => "application/json",
    };

    public static string Text(IReadOnlyList<TimedCue> cues)
    {
        var text = new StringBuilder();
        foreach (var cue in cues)
        {
            text.Append('[').Append(Clock(cue.Start, '.')).Append("] ").Append(cue.Role);
            if (cue.Speaker is { } speaker) text.Append(" (").Append(OneLine(speaker)).Append(')');
            text.Append(": ").Append(OneLine(cue.Text)).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>WebVTT (W3C): a header, then cues "HH:MM:SS.mmm --> HH:MM:SS.mmm" with the speaker as a voice span (the diarized speaker, else the role).</summary>
    public static string WebVtt(IReadOnlyList<TimedCue> cues)
    {
        var vtt = new StringBuilder("WEBVTT\n\n");
        foreach (var cue in cues)
            vtt.Append(OneLine(cue.SegmentId).Replace("-->", "->")).Append('\n')
               .Append(Clock(cue.Start, '.')).Append(" --> ").Append(Clock(cue.End, '.')).Append('\n')
               .Append("<v ").Append(EscapeVtt(OneLine(cue.Speaker ?? cue.Role))).Append('>').Append(EscapeVtt(CueText(cue.Text))).Append("\n\n");
        return vtt.ToString();
    }

    /// <summary>SubRip: numbered cues "HH:MM:SS,mmm --> HH:MM:SS,mmm"; a diarized cue's text starts with "Speaker: ".</summary>
    public static string Srt(IReadOnlyList<TimedCue> cues)
    {
        var srt = new StringBuilder();
        for (var i = 0; i < cues.Count; i++)
            srt.Append(i + 1).Append('\n')
               .Append(Clock(cues[i].Start, ',')).Append(" --> ").Append(Clock(cues[i].End, ',')).Append('\n')
               .Append(cues[i].Speaker is { } speaker ? CueText(OneLine(speaker)) + ": " : "").Append(CueText(cues[i].Text)).Append("\n\n");
        return srt.ToString();
    }

    private static string Clock(TimeSpan time, char separator) => string.Create(CultureInfo.InvariantCulture,
        $"{(int)time.TotalHours:00}:{time.Minutes:00}:{time.Seconds:00}{separator}{time.Milliseconds:000}");

    // A blank line ends a cue in both formats, and "-->" would start a new timing line.
    private static string CueText(string text) =>
        string.Join('\n', text.Replace("\r", "").Split('\n').Where(l => l.Trim().Length > 0)).Replace("-->", "->");

    private static string OneLine(string text) => text.Replace('\r', ' ').Replace('\n', ' ');

    private static string EscapeVtt(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
}
