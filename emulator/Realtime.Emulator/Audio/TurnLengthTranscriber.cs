using System.Globalization;

namespace Realtime.Emulator.Audio;

/// <summary>
/// The default transcriber: "Turn 1 (1.4 s)." from the turn's index and speech length rounded to a tenth of a
/// second, so a test that plays a known layout of speech can assert every transcript exactly.
/// </summary>
internal sealed class TurnLengthTranscriber : ITranscriber
{
    public string Transcribe(TranscriptionRequest turn) =>
        string.Create(CultureInfo.InvariantCulture, $"Turn {turn.Index} ({turn.SpeechDuration.TotalSeconds:0.0} s).");
}
