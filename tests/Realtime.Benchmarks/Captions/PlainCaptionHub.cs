using Microsoft.AspNetCore.SignalR;
using Realtime.Shared.Captions;

namespace Realtime.Benchmarks.Captions;

/// <summary>The plain reference: a SignalR group broadcast of each update, no Orleans, no state.</summary>
public sealed class PlainCaptionHub : Hub
{
    public Task Join(string group) => Groups.AddToGroupAsync(Context.ConnectionId, group);

    public async Task Publish(string group, CaptionUpdate[] updates)
    {
        foreach (var update in updates)
            await Clients.Group(group).SendAsync("Caption", update);
    }
}
