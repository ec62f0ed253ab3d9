namespace Realtime.Emulator.Audio;

/// <summary>
/// Turns a user turn into text. Pluggable so a real recognizer can replace the deterministic default without
/// touching turn detection or the events around it.
/// </summary>
internal interface ITranscriber
{
    string Transcribe(TranscriptionRequest turn);
}
