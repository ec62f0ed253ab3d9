using System.Reflection;

namespace Realtime.Cluster.Tests.Infrastructure;

/// <summary>Where the build put what the tests start (recorded at build time, see the csproj) and the repository root.</summary>
public static class BuildLayout
{
    public static string SiloDll => Server("Realtime.Silo");

    public static string ApiDll => Server("Realtime.Api");

    public static string RepositoryRoot => Metadata("RepositoryRoot");

    private static string Server(string name)
    {
        var path = Metadata($"ServerPath:{name}");
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"{name} is not built at {path}; build the solution (dotnet build Realtime.Orleans.sln) first.", path);
    }

    private static string Metadata(string key) =>
        typeof(BuildLayout).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == key)?.Value
        ?? throw new InvalidOperationException($"The test assembly lacks the build metadata '{key}' (see RecordServerPaths in the csproj).");
}
