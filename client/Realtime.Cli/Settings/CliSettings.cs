using System.CommandLine;
using Realtime.Cli.Hosting;
using Realtime.Client.Api;

namespace Realtime.Cli.Settings;

/// <summary>
/// The settings of one run, resolved from the flags, then the environment, then the defaults. A malformed or
/// missing one is a <see cref="UsageException"/> (exit 2) before anything is sent.
/// </summary>
internal sealed class CliSettings
{
    public const string DefaultApi = "http://127.0.0.1:5080";

    private readonly ParseResult _parsed;
    private readonly string? _user;

    public CliSettings(ParseResult parsed)
        : this(parsed, null)
    {
    }

    private CliSettings(ParseResult parsed, string? user)
    {
        (_parsed, _user) = (parsed, user);
        Api = ParseApi(parsed.GetValue(GlobalOptions.Api) ?? Environment.GetEnvironmentVariable(GlobalOptions.ApiVariable) ?? DefaultApi);
    }

    public Uri Api { get; }

    public string? Token => NonBlank(_parsed.GetValue(GlobalOptions.Token)) ?? NonBlank(Environment.GetEnvironmentVariable(GlobalOptions.TokenVariable));

    public string User => _user ?? _parsed.GetValue(GlobalOptions.User) ?? "cli";

    /// <summary>The same settings for another development user (load gives each speaker its own, so per-user budgets do not cap the run).</summary>
    public CliSettings ForUser(string user) => new(_parsed, user);

    public string AdminKey =>
        NonBlank(_parsed.GetValue(GlobalOptions.AdminKey)) ?? NonBlank(Environment.GetEnvironmentVariable(GlobalOptions.AdminKeyVariable))
        ?? throw new UsageException($"no admin key: pass --admin-key or set {GlobalOptions.AdminKeyVariable}.");

    /// <summary>The operator's client (its own HTTP connection), or a usage error when no admin key is set.</summary>
    public RealtimeAdminClient AdminClient() => new(Api, AdminKey);

    private static Uri ParseApi(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var api) && api.Scheme is "http" or "https"
            ? api
            : throw new UsageException($"'{value}' is not an http(s) URL for the api (--api or {GlobalOptions.ApiVariable}).");

    private static string? NonBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
