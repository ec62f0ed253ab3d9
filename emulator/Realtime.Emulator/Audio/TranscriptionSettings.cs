namespace Realtime.Emulator.Audio;

/// <summary>
/// <c>audio.input.transcription</c>: present means the session wants transcription events. The model decides the
/// usage shape (whisper-1 bills by duration, the gpt-4o transcribers by tokens) and how many deltas are sent.
/// </summary>
internal sealed record TranscriptionSettings(string Model, string? Language)
{
    public bool BillsByDuration => Model == "whisper-1";
}
