namespace Realtime.Browser.Tests.Infrastructure;

/// <summary>Folders of the repository this test runs from, found by walking up to the solution file.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string ClientWeb => Path.Combine(Root, "client", "web");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Realtime.Orleans.sln"))) return directory.FullName;
        }
        throw new InvalidOperationException($"No Realtime.Orleans.sln above {AppContext.BaseDirectory}.");
    }
}
