using System.Text.Json.Nodes;
using Realtime.WebRtc.Audio;

namespace Realtime.Emulator.Audio;

/// <summary>What a tick of the answer clock yields: events for the data channel and frames for the audio track.</summary>
internal sealed record TurnOutput(IReadOnlyList<JsonObject> Events, IReadOnlyList<PcmFrame> Frames)
{
    public static readonly TurnOutput None = new([], []);
}
