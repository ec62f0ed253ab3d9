using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Realtime.Cli.Help;
using Realtime.Cli.Hosting;
using Realtime.Cli.Output;
using Realtime.Cli.Settings;

namespace Realtime.Cli.Commands.Tenants;

/// <summary>
/// <c>tenants put</c>: provisions or replaces a tenant from a JSON definition (the api's PUT body), with flags for
/// the common fields laid over it. The api validates the whole; its 400 names the field.
/// </summary>
internal static class TenantPutCommand
{
    public static Command Create(CliConsole console)
    {
        var tid = TenantArguments.TenantId();
        var file = new Option<string?>("--file") { Description = "The tenant's definition as JSON (the PUT /admin/tenants body; '-' reads standard input)" };
        var name = new Option<string?>("--name") { Description = "The tenant's display name" };
        var secret = new Option<string?>("--signing-secret") { Description = "The HS256 secret its backend signs user JWTs with (32+ characters)" };
        var openAIKey = new Option<string?>("--openai-key") { Description = "The tenant's own OpenAI key (omitted: the platform's)" };
        var models = new Option<string[]>("--allowed-model") { Description = "A model the tenant may use (repeat; none: every model)", AllowMultipleArgumentsPerToken = false };
        var suspended = new Option<bool?>("--suspended") { Description = "Suspend (true) or resume (false) the tenant" };
        var command = new CliCommand("put", "Provision or replace a tenant; prints it back with its secrets masked.",
            "realtime tenants put acme --file acme.json",
            "realtime tenants put acme --name Acme --signing-secret \"$ACME_SECRET\" --allowed-model gpt-realtime --allowed-model gpt-4o-mini-transcribe",
            "cat acme.json | realtime tenants put acme --file - --suspended true")
        {
            tid, file, name, secret, openAIKey, models, suspended,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var definition = await ReadAsync(parsed.GetValue(file), cancellationToken);
            Set(definition, "name", parsed.GetValue(name));
            Set(definition, "signing_secret", parsed.GetValue(secret));
            Set(definition, "openai_api_key", parsed.GetValue(openAIKey));
            if (parsed.GetValue(models) is { Length: > 0 } allowed) definition["allowed_models"] = new JsonArray([.. allowed.Select(m => JsonValue.Create(m))]);
            if (parsed.GetValue(suspended) is { } suspend) definition["suspended"] = suspend;
            using var admin = new CliSettings(parsed).AdminClient();
            console.Json(await admin.PutTenantAsync(parsed.GetRequiredValue(tid), JsonSerializer.SerializeToElement(definition), cancellationToken));
            return 0;
        });
        return command;
    }

    private static async Task<JsonObject> ReadAsync(string? path, CancellationToken cancellationToken)
    {
        if (path is null) return [];
        var text = path == "-" ? await Console.In.ReadToEndAsync(cancellationToken) : await File.ReadAllTextAsync(path, cancellationToken);
        try
        {
            return JsonNode.Parse(text) as JsonObject ?? throw new UsageException($"{Describe(path)} is not a JSON object (a tenant definition).");
        }
        catch (JsonException e)
        {
            throw new UsageException($"{Describe(path)} is not valid JSON: {e.Message}");
        }
    }

    private static void Set(JsonObject definition, string field, string? value)
    {
        if (value is not null) definition[field] = value;
    }

    private static string Describe(string path) => path == "-" ? "standard input" : $"'{path}'";
}
