using Realtime.Emulator.Audio;

namespace Realtime.Emulator.Tests.Audio;

/// <summary>A transcriber that always hears the same words and records the turns it was given.</summary>
internal sealed class FixedTranscriber(string text) : ITranscriber
{
    public List<TranscriptionRequest> Requests { get; } = [];

    public string Transcribe(TranscriptionRequest turn)
    {
        Requests.Add(turn);
        return text;
    }
}
