using System.CommandLine;
using Realtime.Cli.Help;
using Realtime.Cli.Output;
using Realtime.Cli.Settings;

namespace Realtime.Cli.Commands.Tenants;

/// <summary><c>tenants get</c>, <c>usage</c> and <c>delete</c>: one admin call each, answered as the api answers it.</summary>
internal static class TenantReadCommands
{
    public static Command Get(CliConsole console)
    {
        var tid = TenantArguments.TenantId();
        var command = new CliCommand("get", "Print a tenant's definition (secrets masked) as JSON.", "realtime tenants get acme") { tid };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            using var admin = new CliSettings(parsed).AdminClient();
            console.Json(await admin.GetTenantAsync(parsed.GetRequiredValue(tid), cancellationToken));
            return 0;
        });
        return command;
    }

    public static Command Usage(CliConsole console)
    {
        var tid = TenantArguments.TenantId();
        var json = new Option<bool>("--json") { Description = "Print the api's answer as JSON" };
        var command = new CliCommand("usage", "Secrets granted to a tenant in the last minute, against its tenant-wide cap.",
            "realtime tenants usage acme", "realtime tenants usage acme --json") { tid, json };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            using var admin = new CliSettings(parsed).AdminClient();
            var usage = await admin.GetUsageAsync(parsed.GetRequiredValue(tid), cancellationToken);
            if (parsed.GetValue(json)) console.Json(usage, indented: false);
            else console.Line($"{usage.GetProperty("tenant_id")}: {usage.GetProperty("granted_last_minute")} granted in the last minute (cap {usage.GetProperty("tenant_per_minute")} a minute)");
            return 0;
        });
        return command;
    }

    public static Command Delete(CliConsole console)
    {
        var tid = TenantArguments.TenantId();
        var command = new CliCommand("delete", "Delete a tenant: its live sessions end and its tokens stop working.", "realtime tenants delete acme") { tid };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            using var admin = new CliSettings(parsed).AdminClient();
            var tenantId = parsed.GetRequiredValue(tid);
            await admin.DeleteTenantAsync(tenantId, cancellationToken);
            console.Line($"deleted tenant {tenantId}");
            return 0;
        });
        return command;
    }
}
