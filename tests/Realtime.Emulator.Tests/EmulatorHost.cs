using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Realtime.Emulator.Secrets;

namespace Realtime.Emulator.Tests;

/// <summary>
/// The real emulator on Kestrel at an ephemeral loopback port, wired exactly as a host wires it
/// (AddRealtimeEmulator + MapRealtimeEmulator), with a fake clock the tests move.
/// </summary>
public abstract class EmulatorHost(params string[] apiKeys) : IAsyncLifetime
{
    public const string Path = "/v1/realtime/client_secrets";

    /// <summary>A start time with a fraction of a second, so whole-second rounding is exercised.</summary>
    public static readonly DateTimeOffset Start = new(2026, 5, 1, 12, 0, 0, 250, TimeSpan.Zero);

    private WebApplication? _app;

    public FakeTimeProvider Time { get; } = new(Start);

    public HttpClient Client { get; private set; } = null!;

    public EphemeralSecretStore Store => _app!.Services.GetRequiredService<EphemeralSecretStore>();

    public IServiceProvider Services => _app!.Services;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(
            apiKeys.Select((key, i) => KeyValuePair.Create($"Emulator:ApiKeys:{i}", (string?)key)));
        builder.Services.AddSingleton<TimeProvider>(Time);
        builder.Services.AddRealtimeEmulator(builder.Configuration);

        _app = builder.Build();
        _app.UseCors();
        _app.MapRealtimeEmulator();
        await _app.StartAsync();

        var address = _app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        Client = new HttpClient { BaseAddress = new Uri(address) };
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        if (_app is not null) await _app.DisposeAsync();
    }

    /// <summary>POSTs to client_secrets; a null key sends no Authorization header, a null body sends none.</summary>
    public Task<HttpResponseMessage> PostAsync(string? key, string? body = "{}", params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Path);
        if (key is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        foreach (var (name, value) in headers) request.Headers.TryAddWithoutValidation(name, value);
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        return Client.SendAsync(request);
    }
}
