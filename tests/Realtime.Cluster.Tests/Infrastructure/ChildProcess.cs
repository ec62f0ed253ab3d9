using System.Collections.Concurrent;
using System.Diagnostics;

namespace Realtime.Cluster.Tests.Infrastructure;

/// <summary>
/// A process the tests started: its output goes to a log file (kept for after-the-fact reading) and its last
/// lines are at hand for failure messages. Stopped gracefully (SIGTERM) or killed outright (SIGKILL, whole tree).
/// </summary>
public sealed class ChildProcess : IDisposable
{
    private const int TailLines = 60;
    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly ConcurrentQueue<string> _tail = new();

    private ChildProcess(Process process, StreamWriter log)
    {
        (_process, _log) = (process, log);
        _process.OutputDataReceived += (_, e) => Record(e.Data);
        _process.ErrorDataReceived += (_, e) => Record(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Name { get; private init; } = "";

    public string LogPath { get; private init; } = "";

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public static ChildProcess Start(string name, string fileName, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment,
        string workingDirectory, string logDirectory)
    {
        var info = ChildStart.Isolated(fileName, arguments, environment, workingDirectory);
        var logPath = Path.Combine(logDirectory, $"{name}-{DateTime.UtcNow:HHmmss.fff}.log");
        var log = new StreamWriter(logPath) { AutoFlush = true };
        var process = Process.Start(info) ?? throw new InvalidOperationException($"{fileName} did not start.");
        return new ChildProcess(process, log) { Name = name, LogPath = logPath };
    }

    /// <summary>SIGKILL to the whole tree: no shutdown code runs, as when a machine dies.</summary>
    public void Kill()
    {
        if (_process.HasExited) return;
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit(10_000);
    }

    /// <summary>SIGTERM, then SIGKILL if it has not exited within <paramref name="grace"/>.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (_process.HasExited) return;
        Posix.Terminate(_process.Id);
        using var timeout = new CancellationTokenSource(grace);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            Record($"[test] did not exit within {grace.TotalSeconds:0} s of SIGTERM; killing it");
            Kill();
        }
    }

    /// <summary>The last lines it printed, for a failure message.</summary>
    public string Tail() => $"--- {Name} (pid {Id}, log {LogPath}) ---{Environment.NewLine}{string.Join(Environment.NewLine, _tail)}";

    public void Dispose()
    {
        Kill();
        _process.Dispose();
        lock (_log) _log.Dispose();
    }

    private void Record(string? line)
    {
        if (line is null) return;
        _tail.Enqueue(line);
        while (_tail.Count > TailLines) _tail.TryDequeue(out _);
        lock (_log)
        {
            try
            {
                _log.WriteLine(line);
            }
            catch (ObjectDisposedException)
            {
                // Output that arrives after dispose has nowhere to go.
            }
        }
    }
}
