using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Realtime.Api.Auth;
using Realtime.Api.Http;
using Realtime.Api.Observability;
using Realtime.Api.Sessions;
using Realtime.Api.Tokens;
using Realtime.Api.Upstream;
using Realtime.Emulator;

namespace Realtime.Benchmarks.Baseline;

/// <summary>
/// The seed guide's server (docs/design.md §Seed guide), in ASP.NET Core: JwtBearer with the tenant's key → an in-memory per-user limiter →
/// client_secrets on the emulator mounted on itself (the api's own <see cref="ClientSecretsClient"/>, so the
/// upstream leg costs the same) → the same JSON answer. No Orleans, no tenant lookup, no session state.
/// </summary>
public sealed class BaselineServer(WebApplication app) : IAsyncDisposable
{
    private const string Model = UpstreamSessionBuilder.DefaultRealtimeModel;

    public Uri BaseAddress { get; } = new(app.Urls.First());

    public static async Task<BaselineServer> StartAsync(BenchmarkTenant tenant)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(BenchmarkLogging.Settings);
        var services = builder.Services;
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower);
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(o => Configure(o, new SymmetricSecurityKey(Encoding.UTF8.GetBytes(tenant.SigningSecret))));
        services.AddAuthorization();
        services.AddSingleton(new InMemoryRateLimiter(tenant.Limit, tenant.Limit, TimeProvider.System));
        services.AddRealtimeEmulator(builder.Configuration);
        services.AddSingleton(sp => new UpstreamEndpoint(sp.GetRequiredService<IOptions<OpenAIOptions>>(), sp.GetRequiredService<IServer>(), PublicOrigin.From(builder.Configuration))
        {
            UsesEmulator = true,
        });
        services.AddHttpClient<ClientSecretsClient>(http => http.Timeout = TimeSpan.FromSeconds(10));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<RealtimeMetrics>(); // the client times each call; nothing exports it here

        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseCors(); // the emulator's routes carry OpenAI's CORS policy
        app.MapPost("/api/realtime-token", MintAsync).RequireAuthorization();
        app.MapRealtimeEmulator();
        await app.StartAsync();
        return new BaselineServer(app);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    // The api's own validation rules (TenantJwtBearer), with one fixed key instead of a per-tenant resolver, and
    // like the api it leaves the mounted emulator's routes (OpenAI keys, not JWTs) to the emulator.
    private static void Configure(JwtBearerOptions options, SecurityKey key)
    {
        options.MapInboundClaims = false;
        options.TokenValidationParameters = TenantJwtBearer.ValidationParameters();
        options.TokenValidationParameters.IssuerSigningKey = key;
        options.Events = new JwtBearerEvents
        {
            OnMessageReceived = context =>
            {
                TenantJwtBearer.SkipsOpenAIRoute(context);
                return Task.CompletedTask;
            },
        };
    }

    private static async Task<IResult> MintAsync(HttpContext http, InMemoryRateLimiter limiter, ClientSecretsClient upstream, UpstreamEndpoint endpoint)
    {
        var userKey = http.User.FindFirst(ClaimNames.Tenant)?.Value + "/" + http.User.FindFirst(ClaimNames.Subject)?.Value;
        if (!limiter.TryAcquire(userKey, out var retryAfter))
        {
            http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, detail: "Rate limit exceeded.");
        }
        try
        {
            var minted = await upstream.CreateAsync(UpstreamBody(), UpstreamEndpoint.EmulatorKey, http.RequestAborted);
            return TypedResults.Ok(new TokenResponse(minted.Value, minted.Value, minted.ExpiresAt.ToUnixTimeSeconds(), SessionId.New(), Model,
                endpoint.CallsUrl(http.Request), minted.Session));
        }
        catch (UpstreamException e)
        {
            return Results.Problem(statusCode: StatusCodes.Status502BadGateway, detail: e.Message);
        }
    }

    // What the api sends for an empty request body: the GA shape with the default TTL and model.
    private static JsonObject UpstreamBody() => new()
    {
        ["expires_after"] = new JsonObject { ["anchor"] = "created_at", ["seconds"] = TokenRequest.DefaultTtlSeconds },
        ["session"] = new JsonObject { ["type"] = "realtime", ["model"] = Model },
    };
}
