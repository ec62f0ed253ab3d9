using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace Realtime.Benchmarks.Captions;

/// <summary>
/// The speaker's connection: one SignalR .NET client on the WebSockets transport (no negotiation round trip), as a
/// real speaker's program would use (client/Realtime.Client is built on the same client). Viewers are
/// <see cref="RawHubViewer"/>s instead, because there are a thousand of them on the same cores.
/// </summary>
public static class SpeakerConnection
{
    public static HubConnection Build(Uri hub, string? jwt) => new HubConnectionBuilder()
        .WithUrl(hub, HttpTransportType.WebSockets, o =>
        {
            o.SkipNegotiation = true;
            if (jwt is not null) o.AccessTokenProvider = () => Task.FromResult<string?>(jwt);
        })
        .Build();
}
