using System.CommandLine;

namespace Realtime.Cli.Commands.Tenants;

/// <summary>The tenant id every tenants subcommand takes first; the api checks its shape (400 naming <c>tid</c>).</summary>
internal static class TenantArguments
{
    public static Argument<string> TenantId() => new("tid") { Description = "The tenant id (acme)" };
}
