using System.Globalization;
using Realtime.Api.Tests.Infrastructure;
using Realtime.Silo.Hosting;

namespace Realtime.Api.Tests.Hosting;

/// <summary>
/// A second api process started beside a running one, as from the same checkout, stops at once with one sentence
/// naming what is taken and how to fix it, and a non-zero exit: it never shares the SQLite store or the ports.
/// </summary>
public sealed class SecondInstanceTests : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("realtime-second-").FullName;
    private ConfiguredApiHost _first = null!;

    private string Database => Path.Combine(_directory, "realtime.db");

    public async Task InitializeAsync()
    {
        _first = new ConfiguredApiHost("Production", new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Sqlite",
            ["ConnectionStrings:Sqlite"] = $"Data Source={Database}",
        });
        await _first.InitializeAsync();
    }

    [Fact]
    public async Task A_second_process_on_the_same_sqlite_store_is_refused()
    {
        var outcome = await RunSecondAsync(Environment(siloPort: FreePort.Next()));

        Assert.Equal(StartupRefusedException.ExitCode, outcome.ExitCode);
        Assert.Contains($"The SQLite store {Database} is already in use by another process", outcome.Error);
        Assert.Contains("ConnectionStrings__Sqlite", outcome.Error);
        Assert.DoesNotContain("   at ", outcome.Error + outcome.Output); // no stack trace
        // The first instance is untouched and still serves.
        Assert.Equal(System.Net.HttpStatusCode.OK, (await _first.Client.GetAsync("/healthz")).StatusCode);
    }

    [Fact]
    public async Task A_second_process_on_the_same_silo_port_is_refused()
    {
        var environment = Environment(siloPort: _first.SiloPort);
        environment["ConnectionStrings__Sqlite"] = $"Data Source={Path.Combine(_directory, "other.db")}";

        var outcome = await RunSecondAsync(environment);

        Assert.Equal(StartupRefusedException.ExitCode, outcome.ExitCode);
        Assert.Contains($"The Orleans silo port 127.0.0.1:{_first.SiloPort} is already in use", outcome.Error);
        Assert.Contains("Orleans__SiloPort", outcome.Error);
        Assert.DoesNotContain("   at ", outcome.Error + outcome.Output);
    }

    [Fact]
    public async Task A_second_process_on_the_same_http_port_is_refused()
    {
        var environment = Environment(siloPort: FreePort.Next());
        environment["ConnectionStrings__Sqlite"] = $"Data Source={Path.Combine(_directory, "other.db")}";
        var url = _first.BaseAddress.ToString().TrimEnd('/');

        var outcome = await RunSecondAsync(environment, url);

        Assert.Equal(StartupRefusedException.ExitCode, outcome.ExitCode);
        Assert.Contains($"The HTTP address 127.0.0.1:{_first.BaseAddress.Port} is already in use", outcome.Error);
        Assert.Contains("--urls", outcome.Error);
        Assert.DoesNotContain("   at ", outcome.Error + outcome.Output);
    }

    private Dictionary<string, string> Environment(int siloPort) => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["Orleans__SiloPort"] = siloPort.ToString(CultureInfo.InvariantCulture),
        ["Orleans__GatewayPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
        ["Storage__Provider"] = "Sqlite",
        ["ConnectionStrings__Sqlite"] = $"Data Source={Database}",
        ["Admin__ApiKey"] = ApiHost.AdminKey,
    };

    private Task<ProcessRun> RunSecondAsync(Dictionary<string, string> environment, string? url = null) =>
        ApiProcess.RunToExitAsync(["--urls", url ?? $"http://127.0.0.1:{FreePort.Next()}"], environment, _directory, TimeSpan.FromSeconds(60));

    public async Task DisposeAsync()
    {
        await _first.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
