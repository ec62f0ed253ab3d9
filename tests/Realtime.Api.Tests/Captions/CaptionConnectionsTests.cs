using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Realtime.Api.Captions;

namespace Realtime.Api.Tests.Captions;

/// <summary>
/// <see cref="CaptionConnections"/> is the caption hub's lifetime manager, wrapping whichever manager SignalR is
/// configured with (a backplane's too), and knows this node's connections by id.
/// </summary>
public sealed class CaptionConnectionsTests
{
    private static ServiceProvider Services(Action<IServiceCollection>? backplane = null)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddSignalR();
        services.AddCaptionConnections();
        backplane?.Invoke(services);
        return services.BuildServiceProvider();
    }

    [Fact]
    public void The_caption_hub_gets_it_around_the_default_manager_and_other_hubs_keep_the_default()
    {
        using var services = Services();

        var manager = Assert.IsType<CaptionConnections>(services.GetRequiredService<HubLifetimeManager<CaptionHub>>());

        Assert.IsType<DefaultHubLifetimeManager<CaptionHub>>(manager.Inner);
        Assert.Same(manager, services.GetRequiredService<CaptionConnections>());
        Assert.IsType<DefaultHubLifetimeManager<OtherHub>>(services.GetRequiredService<HubLifetimeManager<OtherHub>>());
    }

    [Fact]
    public async Task A_backplane_registered_later_is_the_one_wrapped_and_gets_every_send()
    {
        using var services = Services(s => s.AddSingleton(typeof(HubLifetimeManager<>), typeof(RecordingHubLifetimeManager<>)));

        var manager = services.GetRequiredService<CaptionConnections>();
        await manager.SendGroupAsync("group", "Caption", ["x"]);

        var backplane = Assert.IsType<RecordingHubLifetimeManager<CaptionHub>>(manager.Inner);
        Assert.Equal(["group"], backplane.GroupSends);
    }

    [Fact]
    public async Task It_finds_a_connection_from_connect_to_disconnect()
    {
        using var services = Services();
        var manager = services.GetRequiredService<CaptionConnections>();
        var connection = new PipeHubConnection("c1", new JsonHubProtocol()).Context;

        await manager.OnConnectedAsync(connection);
        Assert.Same(connection, manager.Find("c1"));

        await manager.OnDisconnectedAsync(connection);
        Assert.Null(manager.Find("c1"));
    }

    private sealed class OtherHub : Hub;

    /// <summary>Stands in for a backplane's manager: the default one, recording group sends.</summary>
    private sealed class RecordingHubLifetimeManager<THub>(ILogger<DefaultHubLifetimeManager<THub>> logger)
        : DefaultHubLifetimeManager<THub>(logger) where THub : Hub
    {
        public List<string> GroupSends { get; } = [];

        public override Task SendGroupAsync(string groupName, string methodName, object?[] args, CancellationToken cancellationToken = default)
        {
            GroupSends.Add(groupName);
            return base.SendGroupAsync(groupName, methodName, args, cancellationToken);
        }
    }
}
