using System.Diagnostics;
using Realtime.Api.Tests.Infrastructure;

namespace Realtime.Cli.Tests.Infrastructure;

/// <summary>
/// Starts the built tool (<c>dotnet realtime.dll …</c>) as a user's shell would, with output piped (so it must print
/// plain text) and configured only by the <c>REALTIME_*</c> variables the test gives: the test host's own are blanked.
/// </summary>
public static class CliRun
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    public static string Dll { get; } = Path.Combine(AppContext.BaseDirectory, "realtime.dll");

    public static Task<ProcessRun> ToExitAsync(ApiHost host, IReadOnlyDictionary<string, string>? environment, params string[] arguments) =>
        ProcessRun.ToExitAsync(Start(host, environment, arguments), Timeout);

    public static Task<ProcessRun> ToExitAsync(ApiHost host, params string[] arguments) => ToExitAsync(host, null, arguments);

    public static ProcessStartInfo Start(ApiHost host, IReadOnlyDictionary<string, string>? environment, IEnumerable<string> arguments)
    {
        var settings = new Dictionary<string, string>
        {
            ["REALTIME_API"] = host.BaseAddress.AbsoluteUri,
            ["REALTIME_TOKEN"] = "",
            ["REALTIME_ADMIN_KEY"] = "",
        };
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) settings[key] = value;
        return ChildStart.Isolated(DotNet.Host, [Dll, .. arguments], settings, AppContext.BaseDirectory);
    }

    /// <summary>The token variable for <paramref name="jwt"/>, as a user sets it once for a shell.</summary>
    public static Dictionary<string, string> As(string jwt) => new() { ["REALTIME_TOKEN"] = jwt };
}
