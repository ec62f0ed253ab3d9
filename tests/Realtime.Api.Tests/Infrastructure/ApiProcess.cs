namespace Realtime.Api.Tests.Infrastructure;

/// <summary>
/// The api as a separate process (<c>dotnet Realtime.Api.dll</c> from this test's output, where the build copies it),
/// configured only by the arguments and environment given, run until it exits.
/// </summary>
public static class ApiProcess
{
    public static Task<ProcessRun> RunToExitAsync(IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment,
        string workingDirectory, TimeSpan timeout)
    {
        string[] api = [Path.Combine(AppContext.BaseDirectory, "Realtime.Api.dll"), "--contentRoot", AppContext.BaseDirectory];
        return ProcessRun.ToExitAsync(ChildStart.Isolated(DotNet.Host, [.. api, .. arguments], environment, workingDirectory), timeout);
    }
}
