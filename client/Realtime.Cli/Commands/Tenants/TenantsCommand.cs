using System.CommandLine;
using Realtime.Cli.Help;
using Realtime.Cli.Output;

namespace Realtime.Cli.Commands.Tenants;

/// <summary><c>realtime tenants</c>: the operator's provisioning commands, all behind the admin key.</summary>
internal static class TenantsCommand
{
    public static Command Create(CliConsole console) =>
        new CliCommand("tenants", "Provision, read, delete and meter tenants with the admin key (--admin-key or REALTIME_ADMIN_KEY).",
            "realtime tenants put acme --file acme.json",
            "realtime tenants get acme",
            "realtime tenants usage acme --json",
            "realtime tenants delete acme")
        {
            TenantPutCommand.Create(console),
            TenantReadCommands.Get(console),
            TenantReadCommands.Usage(console),
            TenantReadCommands.Delete(console),
        };
}
