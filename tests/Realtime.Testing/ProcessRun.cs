using System.Diagnostics;
using System.Text;

namespace Realtime.Testing;

/// <summary>A process run to its exit, bounded in time, with what it printed on each stream.</summary>
public sealed record ProcessRun(int ExitCode, string Output, string Error)
{
    /// <summary>Starts <paramref name="info"/> (which must redirect both streams) and waits; past <paramref name="timeout"/> the tree is killed and the test fails with its output.</summary>
    public static async Task<ProcessRun> ToExitAsync(ProcessStartInfo info, TimeSpan timeout)
    {
        using var process = new Process { StartInfo = info };
        var output = new StringBuilder();
        var error = new StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (error) error.AppendLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{info.FileName} {string.Join(' ', info.ArgumentList)} did not exit within {timeout.TotalSeconds:0} s. Output: {output} Error: {error}");
        }

        process.WaitForExit(); // the redirected streams are drained
        lock (output) lock (error) return new ProcessRun(process.ExitCode, output.ToString(), error.ToString());
    }
}
