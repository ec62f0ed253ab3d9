namespace Realtime.Testing;

/// <summary>The dotnet host that runs these tests, used to start the built servers the same way.</summary>
public static class DotNet
{
    public static string Host { get; } =
        Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";
}
