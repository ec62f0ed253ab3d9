using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Realtime.Client.Speaking;

/// <summary>Registers <see cref="RealtimeSpeakerFactory"/> with <see cref="RealtimeSpeakerOptions"/> bound from configuration, the usual .NET way.</summary>
public static class RealtimeSpeakerServiceCollectionExtensions
{
    /// <summary>Binds <paramref name="section"/> (typically <c>configuration.GetSection(RealtimeSpeakerOptions.SectionName)</c>).</summary>
    public static IServiceCollection AddRealtimeSpeaker(this IServiceCollection services, IConfiguration section)
    {
        services.AddOptions<RealtimeSpeakerOptions>().Bind(section);
        services.AddLogging();
        services.TryAddSingleton<RealtimeSpeakerFactory>();
        return services;
    }
}
