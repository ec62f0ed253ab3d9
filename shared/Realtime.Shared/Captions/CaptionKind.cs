namespace Realtime.Shared.Captions;

/// <summary>How settled a segment's text is, as it appears on the wire.</summary>
public static class CaptionKind
{
    /// <summary>Still growing by deltas.</summary>
    public const string Partial = "partial";

    /// <summary>The completed/done text; it never changes back to partial.</summary>
    public const string Final = "final";

    /// <summary>Transcription failed; the text is whatever arrived before.</summary>
    public const string Failed = "failed";
}
