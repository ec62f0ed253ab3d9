namespace Realtime.Cli.Tests.Infrastructure;

/// <summary>The tool's promises about how it ends: the exit code, and an error that is one line on standard error.</summary>
public static class CliAssert
{
    public static void Succeeded(ProcessRun run)
    {
        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}; stdout: {run.Output}; stderr: {run.Error}");
        NoEscapeCodes(run);
    }

    /// <summary>Exit <paramref name="exitCode"/>, nothing on standard output, and exactly one line on standard error naming the problem.</summary>
    public static string FailedWith(ProcessRun run, int exitCode, string expected)
    {
        Assert.True(run.ExitCode == exitCode, $"expected exit {exitCode}, got {run.ExitCode}; stdout: {run.Output}; stderr: {run.Error}");
        Assert.True(string.IsNullOrWhiteSpace(run.Output), $"a failure prints no result: {run.Output}");
        var lines = Lines(run.Error);
        var line = Assert.Single(lines);
        Assert.StartsWith("realtime: ", line, StringComparison.Ordinal);
        Assert.Contains(expected, line, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("   at ", line, StringComparison.Ordinal);
        return line;
    }

    /// <summary>Piped output is plain: no ANSI escape sequence anywhere.</summary>
    public static void NoEscapeCodes(ProcessRun run)
    {
        Assert.DoesNotContain('\u001b', run.Output);
        Assert.DoesNotContain('\u001b', run.Error);
    }

    public static IReadOnlyList<string> Lines(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
