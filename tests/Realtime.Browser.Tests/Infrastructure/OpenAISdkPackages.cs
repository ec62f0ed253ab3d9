namespace Realtime.Browser.Tests.Infrastructure;

/// <summary>
/// OpenAI's own SDKs from npm (tests/Realtime.Browser.Tests/OpenAISdks: the Agents SDK, the Node SDK, esbuild),
/// installed by `npm ci` there, which the test project's build runs (eng/NpmCi.targets). Missing packages fail the
/// test with the command that installs them: these tests prove OpenAI's clients run unmodified, so they never pass
/// by skipping.
/// </summary>
public static class OpenAISdkPackages
{
    public static string Folder => Path.Combine(RepositoryPaths.Root, "tests", "Realtime.Browser.Tests", "OpenAISdks");

    private static readonly TimeSpan BundleTimeout = TimeSpan.FromSeconds(60);

    public static void EnsureInstalled()
    {
        foreach (var package in new[] { "@openai/agents-realtime", "openai", "esbuild", "ws" })
        {
            if (!File.Exists(Path.Combine(Folder, "node_modules", package, "package.json")))
                throw new InvalidOperationException(
                    $"npm package {package} is not installed in {Folder}. Build the test project with npm on PATH (it runs `npm ci --ignore-scripts` there), or run that yourself.");
        }
    }

    /// <summary>Bundles <paramref name="entry"/> (a file in the folder) for a browser page with esbuild, as an IIFE script.</summary>
    public static async Task<string> BundleAsync(string entry)
    {
        EnsureInstalled();
        var outFile = Path.Combine(Path.GetTempPath(), $"realtime-{Guid.NewGuid():N}.js");
        try
        {
            var run = await NodeRun.RunAsync(Folder, BundleTimeout, "bundle.mjs", entry, outFile);
            if (run.ExitCode != 0) throw new InvalidOperationException($"esbuild failed for {entry} (exit {run.ExitCode}):{Environment.NewLine}{run.Output}");
            return await File.ReadAllTextAsync(outFile);
        }
        finally
        {
            File.Delete(outFile);
        }
    }
}
