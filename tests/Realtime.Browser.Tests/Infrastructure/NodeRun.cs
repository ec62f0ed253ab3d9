using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace Realtime.Browser.Tests.Infrastructure;

/// <summary>Runs Node.js (the one npm came with) to completion, bounded in time, with its output captured.</summary>
public sealed record NodeRun(int ExitCode, string Output)
{
    public static async Task<NodeRun> RunAsync(string workingDirectory, TimeSpan timeout, params string[] arguments)
    {
        var start = new ProcessStartInfo("node") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, line) => { lock (output) output.AppendLine(line.Data); };
        process.ErrorDataReceived += (_, line) => { lock (output) output.AppendLine(line.Data); };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException("Node.js is not installed (node on PATH); install Debian's nodejs and npm, as .ci/run does.", e);
        }
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
            throw new TimeoutException($"node {string.Join(' ', arguments)} ran longer than {timeout.TotalSeconds} s:{Environment.NewLine}{output}");
        }
        lock (output) return new NodeRun(process.ExitCode, output.ToString());
    }
}
