using Microsoft.AspNetCore.SignalR;

namespace Realtime.Api.Captions;

/// <summary>Registers <see cref="CaptionConnections"/> as <see cref="CaptionHub"/>'s lifetime manager.</summary>
public static class CaptionConnectionsRegistration
{
    /// <summary>
    /// Call after <c>AddSignalR</c>. The wrapped manager is the one registered for every hub
    /// (<c>HubLifetimeManager&lt;&gt;</c>), looked up when the container first builds it, so a backplane added
    /// before or after this call (e.g. <c>AddStackExchangeRedis</c>) is the one wrapped.
    /// </summary>
    public static IServiceCollection AddCaptionConnections(this IServiceCollection services)
    {
        services.AddSingleton(sp => new CaptionConnections(InnerManager(services, sp)));
        services.AddSingleton<HubLifetimeManager<CaptionHub>>(sp => sp.GetRequiredService<CaptionConnections>());
        return services;
    }

    private static HubLifetimeManager<CaptionHub> InnerManager(IServiceCollection services, IServiceProvider provider)
    {
        var open = services.LastOrDefault(d => d.ServiceType == typeof(HubLifetimeManager<>))?.ImplementationType
            ?? throw new InvalidOperationException("AddCaptionConnections needs AddSignalR: no HubLifetimeManager<> is registered.");
        return (HubLifetimeManager<CaptionHub>)ActivatorUtilities.CreateInstance(provider, open.MakeGenericType(typeof(CaptionHub)));
    }
}
