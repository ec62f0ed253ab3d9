using System.Diagnostics;
using System.Text;

namespace Realtime.Api.Tests.Infrastructure;

/// <summary>
/// The api as a separate process (<c>dotnet Realtime.Api.dll</c> from this test's output, where the build copies it),
/// configured only by the arguments and environment given, run until it exits.
/// </summary>
public static class ApiProcess
{
    public sealed record Outcome(int ExitCode, string Output, string Error);

    public static async Task<Outcome> RunToExitAsync(IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment,
        string workingDirectory, TimeSpan timeout)
    {
        var info = new ProcessStartInfo(DotNetHost)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Realtime.Api.dll"));
        info.ArgumentList.Add("--contentRoot");
        info.ArgumentList.Add(AppContext.BaseDirectory);
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        // Nothing of the test host's configuration leaks in.
        foreach (var key in info.Environment.Keys.Where(IsConfiguration).ToList()) info.Environment.Remove(key);
        foreach (var (key, value) in environment) info.Environment[key] = value;

        using var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start.");
        var output = new StringBuilder();
        var error = new StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (error) error.AppendLine(e.Data); };
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
            Assert.Fail($"The api process did not exit within {timeout.TotalSeconds:0} s. Output: {output} Error: {error}");
        }

        process.WaitForExit(); // the redirected streams are drained
        return new Outcome(process.ExitCode, output.ToString(), error.ToString());
    }

    private static string DotNetHost { get; } =
        Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";

    private static bool IsConfiguration(string key) =>
        key.StartsWith("ASPNETCORE_", StringComparison.OrdinalIgnoreCase) || key.StartsWith("DOTNET_ENVIRONMENT", StringComparison.OrdinalIgnoreCase)
        || key.Contains("__", StringComparison.Ordinal) || key.Equals("OPENAI_API_KEY", StringComparison.OrdinalIgnoreCase);
}
