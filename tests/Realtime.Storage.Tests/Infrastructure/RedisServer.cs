using System.Diagnostics;
using System.Globalization;
using Realtime.Testing;
using StackExchange.Redis;

namespace Realtime.Storage.Tests.Infrastructure;

/// <summary>
/// A real redis-server of its own on a free loopback port, nothing saved to disk, killed on dispose. Fails with
/// instructions when redis-server is not installed (CI installs it in <c>.ci/run</c>).
/// </summary>
public sealed class RedisServer : IAsyncLifetime
{
    private Process? _process;

    public int Port { get; } = FreePort.Next();

    public string ConnectionString => $"127.0.0.1:{Port}";

    public async Task InitializeAsync()
    {
        var executable = RedisProbe.Executable("Redis storage tests");

        var start = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "--port", Port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no" })
            start.ArgumentList.Add(argument);
        _process = Process.Start(start)!;
        await RedisProbe.WaitUntilItAnswersAsync(Port, () => _process!.HasExited, () => "");
    }

    public Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }

        _process?.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>LLEN of <paramref name="key"/>, through a short-lived client.</summary>
    public async Task<long> ListLengthAsync(string key)
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(ConnectionString);
        return await connection.GetDatabase().ListLengthAsync(key);
    }
}
