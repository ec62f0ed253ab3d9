using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Realtime.Silo.Hosting;
using Realtime.Silo.Sessions;
using Realtime.Silo.Tests.Hosting;

namespace Realtime.Silo.Tests.Sessions;

/// <summary><c>AddRealtimeGrains</c> binds the section <c>Sessions</c>.</summary>
public sealed class SessionOptionsTests
{
    private static SessionOptions Bound(params (string Key, string Value)[] settings)
    {
        var values = new Dictionary<string, string?> { [RealtimeStorage.ProviderKey] = RealtimeStorage.Memory };
        foreach (var (key, value) in settings) values[key] = value;
        var silo = new StubSiloBuilder();
        silo.AddRealtimeGrains(new ConfigurationBuilder().AddInMemoryCollection(values).Build());
        return silo.Services.BuildServiceProvider().GetRequiredService<IOptions<SessionOptions>>().Value;
    }

    [Fact]
    public void Defaults_are_ten_minutes_idle_and_ninety_seconds_of_subscription()
    {
        var options = Bound();

        Assert.Equal((600, 90), (options.IdleTimeoutSeconds, options.SubscriptionLifetimeSeconds));
        Assert.Equal((TimeSpan.FromMinutes(10), TimeSpan.FromSeconds(90)), (options.IdleTimeout, options.SubscriptionLifetime));
    }

    [Fact]
    public void The_sessions_section_sets_them()
    {
        var options = Bound(("Sessions:IdleTimeoutSeconds", "42"), ("Sessions:SubscriptionLifetimeSeconds", "7"));

        Assert.Equal((42, 7), (options.IdleTimeoutSeconds, options.SubscriptionLifetimeSeconds));
    }

    [Fact]
    public void A_timeout_that_is_not_positive_is_refused()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Bound(("Sessions:IdleTimeoutSeconds", "0")));

        Assert.Contains("Sessions:IdleTimeoutSeconds", error.Message);
    }
}
