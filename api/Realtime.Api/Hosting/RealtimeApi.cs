using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Realtime.Api.Auth;
using Realtime.Api.Calls;
using Realtime.Api.Captions;
using Realtime.Api.Dashboard;
using Realtime.Api.Dev;
using Realtime.Api.Health;
using Realtime.Api.Http;
using Realtime.Api.Observability;
using Realtime.Api.Problems;
using Realtime.Api.RateLimiting;
using Realtime.Api.Sessions;
using Realtime.Api.Tenants;
using Realtime.Api.Tokens;
using Realtime.Api.Upstream;
using Realtime.Api.Viewer;
using Realtime.Emulator;
using Scalar.AspNetCore;

namespace Realtime.Api.Hosting;

/// <summary>
/// The api's composition root. Program.cs runs it; tests and benchmarks build the same app with their own
/// configuration through <see cref="Build"/>'s <c>configure</c> callback, so they exercise exactly what users run.
/// </summary>
public static class RealtimeApi
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        configure?.Invoke(builder);
        ReadOpenAIKeyFromEnvironment(builder.Configuration);
        var features = RealtimeFeatures.From(builder.Configuration, builder.Environment);
        StartupChecks.Run(builder, features);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
        // The silo first: hosted services start in registration order, and the dev seeder needs grains.
        builder.UseRealtimeOrleans();
        builder.AddRealtimeDashboard();
        builder.AddRealtimeServices(features);
        HubFailureLogging.ReplaceDispatcherErrors(builder.Logging);
        var app = builder.Build();
        StartupChecks.Hold(app);
        app.MapRealtime(features);
        return app;
    }

    private static void AddRealtimeServices(this WebApplicationBuilder builder, RealtimeFeatures features)
    {
        var services = builder.Services;
        var config = builder.Configuration;
        services.AddProblemDetails();
        services.AddExceptionHandler<ClusterExceptionHandler>();
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower);
        services.AddOpenApi();
        services.AddHealthChecks().AddCheck<ClusterHealthCheck>("cluster").AddCheck<StorageHealthCheck>("storage");
        services.AddRealtimeMetrics();
        services.AddKnownProxies(config);
        services.AddUnauthenticatedRateLimit(config);
        services.AddSingleton(PublicOrigin.From(config));
        services.AddGracefulShutdown(config);
        services.TryAddSingleton(TimeProvider.System);

        services.Configure<OpenAIOptions>(config.GetSection(OpenAIOptions.Section));
        services.Configure<TenancyOptions>(config.GetSection(TenancyOptions.Section));
        services.Configure<AdminOptions>(config.GetSection(AdminOptions.Section));
        services.Configure<DevOptions>(config.GetSection(DevOptions.Section));
        services.PostConfigure<DevOptions>(o => o.Enabled = features.Dev);

        services.Configure<CaptionOptions>(config.GetSection(CaptionOptions.Section));

        services.AddSingleton<NodeIdentity>();
        services.AddSingleton<TenantDirectoryCache>();
        services.AddHostedService<TenantDirectorySubscriber>();
        services.AddSingleton<TenantPolicyCache>();
        services.AddTenantJwtBearer();
        TenantCors.AddTenantCors(services);
        services.AddSingleton<UserTokenIssuer>();
        services.AddSingleton<TenantRateGate>();
        services.AddHostedService<TenantUsageReporter>();
        services.AddSingleton<TokenBroker>();
        services.AddSingleton<SessionDirectory>();
        // Only AddHubOptions marks a hub's options as set; otherwise SignalR keeps the global 32 KiB limit.
        var maxMessageBytes = (config.GetSection(CaptionOptions.Section).Get<CaptionOptions>() ?? new CaptionOptions()).MaxMessageBytes;
        services.AddSignalR(o => o.AddFilter<HubFailureLogging>())
            .AddHubOptions<CaptionHub>(hub => hub.MaximumReceiveMessageSize = maxMessageBytes);
        services.AddCaptionConnections();
        services.AddSingleton<UserConnectionCap>();
        services.AddSingleton<CaptionFanout>();
        services.AddHostedService<CaptionSubscriptionRefresher>();
        services.AddSingleton(sp => new UpstreamEndpoint(sp.GetRequiredService<IOptions<OpenAIOptions>>(), sp.GetRequiredService<IServer>(), sp.GetRequiredService<PublicOrigin>())
        {
            UsesEmulator = features.Emulator,
        });
        services.AddHttpClient<CallsClient>((sp, http) =>
            http.Timeout = TimeSpan.FromSeconds(Math.Max(1, sp.GetRequiredService<IOptions<OpenAIOptions>>().Value.TimeoutSeconds)));
        services.AddHttpClient<ClientSecretsClient>((sp, http) =>
            http.Timeout = TimeSpan.FromSeconds(Math.Max(1, sp.GetRequiredService<IOptions<OpenAIOptions>>().Value.TimeoutSeconds)));

        if (features.Emulator) services.AddRealtimeEmulator(config);
        if (features.Dev) services.AddHostedService<DevTenantSeeder>();
        services.AddHostedService<StartupBanner>();
        services.AddSingleton(features);
    }

    private static void MapRealtime(this WebApplication app, RealtimeFeatures features)
    {
        app.UseKnownProxies();
        app.UseSecurityHeaders();
        if (!app.Environment.IsDevelopment()) app.UseHsts();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseManagementPort(app.Configuration);
        app.UseAuthentication();
        app.UseCors(); // after authentication: an actual request's CORS answer depends on the token's tenant
        // After CORS, which answers preflights itself: a browser's preflight is not counted as unauthenticated work.
        app.UseUnauthenticatedRateLimit();
        app.UseUserConnectionCap();
        app.UseAuthorization();
        app.MapOpenApi();
        // The interactive API reference reads /openapi/v1.json; it is a developer's tool, so Development only.
        if (app.Environment.IsDevelopment()) app.MapScalarApiReference();
        app.MapHealthChecks("/healthz", new() { ResponseWriter = HealthResponseWriter.WriteAsync });
        app.MapRealtimeMetrics();
        app.MapRealtimeDashboard();
        app.MapTokenEndpoints();
        app.MapSessionEndpoints();
        app.MapCallEndpoints();
        app.MapHub<CaptionHub>(CaptionHub.Path).RequireCors(TenantCors.PolicyName);
        app.MapAdminEndpoints();
        app.MapViewerEndpoints();
        if (features.Dev) app.MapDevEndpoints();
        if (features.Emulator) app.MapRealtimeEmulator();
    }

    // The platform key may come as OPENAI_API_KEY as well as OpenAI:ApiKey / OpenAI__ApiKey (docs/design.md §Configuration).
    private static void ReadOpenAIKeyFromEnvironment(ConfigurationManager config)
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("OPENAI_API_KEY");
        if (!string.IsNullOrWhiteSpace(fromEnvironment) && string.IsNullOrWhiteSpace(config["OpenAI:ApiKey"]))
            config["OpenAI:ApiKey"] = fromEnvironment;
    }
}
