using Microsoft.Extensions.DependencyInjection.Extensions;
using Realtime.Emulator.Auth;
using Realtime.Emulator.Calls;
using Realtime.Emulator.Http;
using Realtime.Emulator.Secrets;

namespace Realtime.Emulator;

/// <summary>Registers what the emulator's endpoints need; safe to call from a host that has its own services.</summary>
public static class EmulatorServiceCollectionExtensions
{
    public static IServiceCollection AddRealtimeEmulator(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<EmulatorOptions>(configuration.GetSection(EmulatorOptions.SectionName));
        // TryAdd: a test (or the api) may already have registered a FakeTimeProvider or its own clock.
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<EphemeralSecretStore>();
        services.TryAddSingleton<ApiKeyAuthenticator>();
        services.TryAddSingleton<RealtimeCallRegistry>();
        services.AddCors(EmulatorCors.Configure);
        return services;
    }
}
