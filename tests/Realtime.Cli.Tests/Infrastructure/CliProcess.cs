using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Realtime.Cli.Tests.Infrastructure;

/// <summary>
/// The tool left running (watch, speak): its lines as they come, so a test can wait for what it announces before
/// acting, then for its exit. Disposing kills it if it is still running.
/// </summary>
public sealed class CliProcess : IDisposable
{
    private const int SigInt = 2;

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly ConcurrentQueue<string> _error = new();

    public CliProcess(ProcessStartInfo info)
    {
        _process = new Process { StartInfo = info };
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) _output.Enqueue(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) _error.Enqueue(e.Data); };
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public IReadOnlyList<string> Output => [.. _output];

    public IReadOnlyList<string> Error => [.. _error];

    /// <summary>Waits for a line on standard error that contains <paramref name="text"/> (or fails with what it printed).</summary>
    public Task WaitForNoteAsync(string text) =>
        Eventually.TrueAsync(() => Error.Any(line => line.Contains(text, StringComparison.Ordinal)) || _process.HasExited,
            () => Describe($"a note containing '{text}'"), TimeSpan.FromSeconds(60))
            .ContinueWith(t =>
            {
                t.GetAwaiter().GetResult();
                Assert.True(Error.Any(line => line.Contains(text, StringComparison.Ordinal)), Describe($"a note containing '{text}' before it exited"));
            }, TaskScheduler.Default);

    /// <summary>Ctrl+C, as a terminal sends it (SIGINT to the process).</summary>
    public void Interrupt()
    {
        if (Kill(_process.Id, SigInt) != 0) throw new InvalidOperationException($"kill -INT {_process.Id} failed (errno {Marshal.GetLastPInvokeError()}).");
    }

    public async Task<ProcessRun> ExitAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail(Describe($"an exit within {timeout.TotalSeconds:0} s"));
        }
        _process.WaitForExit();
        return new ProcessRun(_process.ExitCode, string.Join('\n', _output), string.Join('\n', _error));
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }

    private string Describe(string awaited) =>
        $"waited for {awaited}; exited: {_process.HasExited}; stdout: {string.Join(" | ", Output)}; stderr: {string.Join(" | ", Error)}";

    // DllImport rather than LibraryImport: the generated stub would need unsafe code in a test project.
    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
