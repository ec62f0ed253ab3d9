using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace Realtime.Cluster.Tests.Infrastructure;

/// <summary>
/// A redis-server of the tests' own on a free loopback port, with the append-only file on (as in
/// docker-compose.yml) in a folder of its own. It outlives every silo and api restart; killed on dispose.
/// </summary>
public sealed class RedisProcess : IDisposable
{
    private readonly ChildProcess _process;

    private RedisProcess(ChildProcess process, int port) => (_process, Port) = (process, port);

    public int Port { get; }

    public string ConnectionString => $"127.0.0.1:{Port}";

    public static async Task<RedisProcess> StartAsync(string workDirectory)
    {
        var executable = FindOnPath("redis-server") ?? throw new InvalidOperationException(
            "redis-server is not installed, and the cluster tests need a real one: install it with " +
            "`apt-get install -y redis-server` (.ci/run does this). The tests start their own on a free loopback port.");
        var port = FreePort.Next();
        var folder = Directory.CreateDirectory(Path.Combine(workDirectory, "redis")).FullName;
        string[] arguments = ["--port", port.ToString(), "--bind", "127.0.0.1", "--dir", folder, "--save", "",
            "--appendonly", "yes", "--appendfsync", "always", "--daemonize", "no"];
        var process = ChildProcess.Start("redis", executable, arguments, new Dictionary<string, string>(), folder, workDirectory);
        var redis = new RedisProcess(process, port);
        await redis.WaitUntilItAnswersAsync();
        return redis;
    }

    public string Tail() => _process.Tail();

    public void Dispose() => _process.Dispose();

    private async Task WaitUntilItAnswersAsync()
    {
        var clock = Stopwatch.StartNew();
        while (!await PingsAsync())
        {
            if (_process.HasExited) throw new InvalidOperationException($"redis-server exited at start.{Environment.NewLine}{Tail()}");
            if (clock.Elapsed > TimeSpan.FromSeconds(10)) throw new TimeoutException($"redis-server did not answer PING within 10 s.{Environment.NewLine}{Tail()}");
            await Task.Delay(50);
        }
    }

    private async Task<bool> PingsAsync()
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
