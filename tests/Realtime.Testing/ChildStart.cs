using System.Diagnostics;

namespace Realtime.Testing;

/// <summary>
/// How the tests start a server or tool: output redirected, and configured only by what the test sets, since the
/// test host's own ASP.NET, .NET and section (<c>A__B</c>) variables or an OpenAI key would otherwise leak in.
/// </summary>
public static class ChildStart
{
    public static ProcessStartInfo Isolated(string fileName, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment,
        string workingDirectory)
    {
        var info = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        foreach (var key in info.Environment.Keys.Where(IsConfiguration).ToList()) info.Environment.Remove(key);
        foreach (var (key, value) in environment) info.Environment[key] = value;
        return info;
    }

    private static bool IsConfiguration(string key) =>
        key.StartsWith("ASPNETCORE_", StringComparison.OrdinalIgnoreCase) || key.StartsWith("DOTNET_ENVIRONMENT", StringComparison.OrdinalIgnoreCase)
        || key.Contains("__", StringComparison.Ordinal) || key.Equals("OPENAI_API_KEY", StringComparison.OrdinalIgnoreCase);
}
