using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Realtime.Emulator.Audio;
using Realtime.Emulator.Calls;
using Realtime.WebRtc.Audio;

namespace Realtime.Emulator.Tests.Audio;

/// <summary>
/// A call's audio without a peer: the processor behind an <see cref="AudioPump"/> on a fake clock, input frames
/// heard one per 20 ms tick, client events sent between frames, and what the call would send recorded in order.
/// </summary>
internal sealed class PumpRun : IAnswerAudioSink, IDisposable
{
    private readonly FakeTimeProvider _clock = new();
    private readonly Lock _gate = new();
    private readonly RealtimeEventProcessor _processor;

    public PumpRun(JsonObject session)
    {
        _processor = new RealtimeEventProcessor(session, audioLine: true);
        Pump = new AudioPump(_processor, Deliver, this, _clock);
        Pump.Start();
    }

    public AudioPump Pump { get; }

    public List<JsonObject> Events { get; } = [];

    public List<PcmFrame> Played { get; } = [];

    public IEnumerable<string> Types => Events.Select(e => (string)e["type"]!);

    public IEnumerable<JsonObject> OfType(string type) => Events.Where(e => (string?)e["type"] == type);

    public PumpRun Feed(SpeechLayout layout)
    {
        foreach (var frame in layout.Frames())
        {
            Pump.Hear(frame);
            _clock.Advance(PcmFrame.Duration);
        }
        return this;
    }

    public PumpRun Wait(int ms) => Feed(new SpeechLayout().Silence(ms));

    /// <summary>A client event, as if it arrived on the data channel between two frames.</summary>
    public PumpRun Send(string clientEvent)
    {
        Deliver(() => _processor.Handle(clientEvent));
        return this;
    }

    void IAnswerAudioSink.Send(PcmFrame frame) => Played.Add(frame);

    public void Dispose() => Pump.Dispose();

    private void Deliver(Func<IReadOnlyList<JsonObject>> work)
    {
        lock (_gate) Events.AddRange(work());
    }
}
