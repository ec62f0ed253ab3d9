namespace Realtime.Shared.Captions;

/// <summary>Who spoke a segment, as it appears on the wire.</summary>
public static class CaptionRole
{
    /// <summary>The speaker (input audio transcription).</summary>
    public const string User = "user";

    /// <summary>The model (output audio transcript or output text).</summary>
    public const string Assistant = "assistant";
}
