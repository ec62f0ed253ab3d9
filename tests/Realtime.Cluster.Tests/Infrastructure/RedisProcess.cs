using System.Globalization;
using Realtime.Testing;

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
        var executable = RedisProbe.Executable("cluster tests");
        var port = FreePort.Next();
        var folder = Directory.CreateDirectory(Path.Combine(workDirectory, "redis")).FullName;
        string[] arguments = ["--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--dir", folder, "--save", "",
            "--appendonly", "yes", "--appendfsync", "always", "--daemonize", "no"];
        var process = ChildProcess.Start("redis", executable, arguments, new Dictionary<string, string>(), folder, workDirectory);
        var redis = new RedisProcess(process, port);
        await RedisProbe.WaitUntilItAnswersAsync(port, () => process.HasExited, redis.Tail);
        return redis;
    }

    public string Tail() => _process.Tail();

    public void Dispose() => _process.Dispose();
}
