using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
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
        var executable = FindOnPath("redis-server") ?? throw new InvalidOperationException(
            "redis-server is not installed, and the Redis storage tests need a real one. Install it with " +
            "`apt-get install -y redis-server` (.ci/run does this); the tests start their own on a free port.");

        var start = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "--port", Port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no" })
            start.ArgumentList.Add(argument);
        _process = Process.Start(start)!;
        await WaitUntilItAnswers();
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

    private async Task WaitUntilItAnswers()
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(10))
        {
            if (_process!.HasExited)
                throw new InvalidOperationException($"redis-server exited ({_process.ExitCode}): {await _process.StandardOutput.ReadToEndAsync()}");
            if (await Pings()) return;
            await Task.Delay(50);
        }

        throw new TimeoutException($"redis-server on port {Port} did not answer PING within 10 s.");
    }

    private async Task<bool> Pings()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", Port);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray());
            var buffer = new byte[16];
            var read = await stream.ReadAsync(buffer);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Append("/usr/bin").Append("/usr/sbin")
            .Select(folder => Path.Combine(folder, name))
            .FirstOrDefault(File.Exists);
}
