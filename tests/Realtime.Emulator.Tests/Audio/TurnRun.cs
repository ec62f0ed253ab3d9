using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Realtime.Emulator.Audio;
using Realtime.WebRtc.Audio;

namespace Realtime.Emulator.Tests.Audio;

/// <summary>
/// Drives an engine as a call would, on a fake clock: each 20 ms the next input frame goes in at its media time and
/// the answer clock ticks, so every event is recorded with the point of the audio at which it was emitted.
/// </summary>
internal sealed class TurnRun
{
    private readonly FakeTimeProvider _clock = new();
    private readonly long _started;
    private TimeSpan _mediaTime;

    public TurnRun(JsonObject session, ITranscriber? transcriber = null)
    {
        _started = _clock.GetTimestamp();
        Engine = new AudioTurnEngine(AudioTurnSettings.FromSession(session), new ServerEventWriter(), transcriber);
    }

    public AudioTurnEngine Engine { get; }

    public List<(JsonObject Event, TimeSpan At)> Events { get; } = [];

    public List<(PcmFrame Frame, TimeSpan At)> AnswerFrames { get; } = [];

    public IEnumerable<JsonObject> OfType(string type) => Events.Select(e => e.Event).Where(e => (string?)e["type"] == type);

    public IEnumerable<string> Types => Events.Select(e => (string)e.Event["type"]!);

    public TurnRun Feed(IEnumerable<PcmFrame> frames)
    {
        foreach (var frame in frames)
        {
            Record(Engine.Receive(frame, _mediaTime));
            Tick();
        }
        return this;
    }

    public TurnRun Feed(SpeechLayout layout) => Feed(layout.Frames());

    /// <summary>Silence for <paramref name="ms"/>, e.g. to let an answer play out.</summary>
    public TurnRun Wait(int ms) => Feed(new SpeechLayout().Silence(ms).Frames());

    public void Record(IEnumerable<JsonObject> events) => Events.AddRange(events.Select(e => (e, _mediaTime)));

    private void Tick()
    {
        var output = Engine.Play(_clock.GetElapsedTime(_started));
        Record(output.Events);
        AnswerFrames.AddRange(output.Frames.Select(f => (f, _mediaTime)));
        _mediaTime += PcmFrame.Duration;
        _clock.Advance(PcmFrame.Duration);
    }
}
