using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace Realtime.Testing;

/// <summary>
/// What every test suite that starts its own redis-server needs: the executable (or a failure that says how to
/// install it) and a wait until the server answers PING.
/// </summary>
public static class RedisProbe
{
    public static string Executable(string suite) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Append("/usr/bin").Append("/usr/sbin")
            .Select(folder => Path.Combine(folder, "redis-server"))
            .FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException(
            $"redis-server is not installed, and the {suite} need a real one: install it with " +
            "`apt-get install -y redis-server` (.ci/run does this). The tests start their own on a free loopback port.");

    /// <summary>Waits up to 10 s for PONG on 127.0.0.1:<paramref name="port"/>; fails early if the process exited.</summary>
    public static async Task WaitUntilItAnswersAsync(int port, Func<bool> exited, Func<string> diagnostics)
    {
        var clock = Stopwatch.StartNew();
        while (!await PingsAsync(port))
        {
            if (exited()) throw new InvalidOperationException($"redis-server exited at start.{Environment.NewLine}{diagnostics()}");
            if (clock.Elapsed > TimeSpan.FromSeconds(10))
                throw new TimeoutException($"redis-server on port {port} did not answer PING within 10 s.{Environment.NewLine}{diagnostics()}");
            await Task.Delay(50);
        }
    }

    private static async Task<bool> PingsAsync(int port)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", port);
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
}
