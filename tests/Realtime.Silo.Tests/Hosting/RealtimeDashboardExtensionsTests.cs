using Microsoft.Extensions.Configuration;
using Realtime.Silo.Hosting;

namespace Realtime.Silo.Tests.Hosting;

public sealed class RealtimeDashboardExtensionsTests
{
    private static List<Type?> IncomingFilters(params (string Key, string Value)[] settings)
    {
        var config = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
        var silo = new StubSiloBuilder();
        silo.AddRealtimeDashboard(config);
        return [.. silo.Services.Where(d => d.ServiceType == typeof(IIncomingGrainCallFilter)).Select(d => d.ImplementationType)];
    }

    [Fact]
    public void By_default_no_grain_call_goes_through_the_dashboards_profiler()
    {
        Assert.Empty(IncomingFilters());
        Assert.Empty(IncomingFilters((RealtimeDashboardExtensions.ProfileGrainCallsKey, "false")));
    }

    [Fact]
    public void Profiling_on_request_keeps_the_dashboards_filter()
    {
        var filter = Assert.Single(IncomingFilters((RealtimeDashboardExtensions.ProfileGrainCallsKey, "true")));
        Assert.Equal("Orleans.Dashboard", filter?.Assembly.GetName().Name);
    }
}
