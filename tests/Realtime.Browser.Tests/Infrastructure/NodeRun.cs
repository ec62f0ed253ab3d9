using System.ComponentModel;

namespace Realtime.Browser.Tests.Infrastructure;

/// <summary>Runs Node.js (the one npm came with) to completion, bounded in time, with its output captured.</summary>
public static class NodeRun
{
    public static async Task<ProcessRun> RunAsync(string workingDirectory, TimeSpan timeout, params string[] arguments)
    {
        try
        {
            return await ProcessRun.ToExitAsync(ChildStart.Isolated("node", arguments, new Dictionary<string, string>(), workingDirectory), timeout);
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException("Node.js is not installed (node on PATH); install Debian's nodejs and npm, as .ci/run does.", e);
        }
    }
}
