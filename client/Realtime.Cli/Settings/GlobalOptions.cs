using System.CommandLine;

namespace Realtime.Cli.Settings;

/// <summary>
/// The options every command takes, each also readable from the environment so scripts and CI set them once
/// (<c>REALTIME_API</c>, <c>REALTIME_TOKEN</c>, <c>REALTIME_ADMIN_KEY</c>); a flag wins over the environment.
/// </summary>
internal static class GlobalOptions
{
    public const string ApiVariable = "REALTIME_API";
    public const string TokenVariable = "REALTIME_TOKEN";
    public const string AdminKeyVariable = "REALTIME_ADMIN_KEY";

    public static readonly Option<string?> Api = new("--api")
    {
        Description = $"The api's base URL [env: {ApiVariable}; default {CliSettings.DefaultApi}]",
        Recursive = true,
    };

    public static readonly Option<string?> Token = new("--token")
    {
        Description = $"A user JWT of your tenant [env: {TokenVariable}; default: a development api's /dev/token for --user]",
        Recursive = true,
    };

    public static readonly Option<string> User = new("--user")
    {
        Description = "Without a token: the development user to ask /dev/token for",
        DefaultValueFactory = _ => "cli",
        Recursive = true,
    };

    public static readonly Option<string?> AdminKey = new("--admin-key")
    {
        Description = $"The operator's admin key, for 'tenants' [env: {AdminKeyVariable}]",
        Recursive = true,
    };

    public static void AddTo(RootCommand root)
    {
        root.Add(Api);
        root.Add(Token);
        root.Add(User);
        root.Add(AdminKey);
    }
}
