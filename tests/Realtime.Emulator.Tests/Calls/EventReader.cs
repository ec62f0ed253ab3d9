using System.Text.Json.Nodes;
using System.Threading.Channels;
using Realtime.WebRtc.DataChannels;

namespace Realtime.Emulator.Tests.Calls;

/// <summary>Server events as they arrive on the channel, each awaited with a bound.</summary>
internal sealed class EventReader
{
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(15);

    private readonly Channel<JsonObject> _events = Channel.CreateUnbounded<JsonObject>();

    public EventReader(DataChannel channel) => channel.OnMessage += m => _events.Writer.TryWrite(JsonNode.Parse(m.Text)!.AsObject());

    public async Task<JsonObject> NextAsync()
    {
        using var timeout = new CancellationTokenSource(Limit);
        return await _events.Reader.ReadAsync(timeout.Token);
    }
}
