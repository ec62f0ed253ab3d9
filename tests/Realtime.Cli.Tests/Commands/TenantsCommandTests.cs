using System.Text.Json.Nodes;
using Realtime.Api.Tests.Infrastructure;
using Realtime.Cli.Tests.Infrastructure;

namespace Realtime.Cli.Tests.Commands;

[Collection(CliCollection.Name)]
public sealed class TenantsCommandTests(DevApiHost api) : IDisposable
{
    private static readonly Dictionary<string, string> Operator = new() { ["REALTIME_ADMIN_KEY"] = ApiHost.AdminKey };

    private readonly string _directory = Directory.CreateTempSubdirectory("realtime-cli-").FullName;

    [Fact]
    public async Task Put_get_usage_and_delete_a_tenant()
    {
        var tid = "cli-" + Guid.NewGuid().ToString("N")[..8];
        var secret = $"signing-secret-{Guid.NewGuid():N}";
        var file = Path.Combine(_directory, "tenant.json");
        await File.WriteAllTextAsync(file, """{ "name": "From a file", "limits": { "tenant_per_minute": 7 } }""");

        var put = await CliRun.ToExitAsync(api, Operator, "tenants", "put", tid, "--file", file, "--name", "Acme CLI", "--signing-secret", secret,
            "--allowed-model", "gpt-realtime", "--allowed-model", "gpt-4o-mini-transcribe");
        CliAssert.Succeeded(put);
        var written = JsonNode.Parse(put.Output)!;
        Assert.Equal("Acme CLI", written["name"]!.GetValue<string>());
        Assert.Equal(7, written["limits"]!["tenant_per_minute"]!.GetValue<int>());
        Assert.Equal(["gpt-realtime", "gpt-4o-mini-transcribe"], written["allowed_models"]!.AsArray().Select(m => m!.GetValue<string>()));
        Assert.DoesNotContain(secret, put.Output, StringComparison.Ordinal);

        // The tenant works: a JWT signed with its secret mints.
        var jwt = TestJwt.Create(secret, tid, "alice");
        await HttpAssert.OkAsync(await api.RequestTokenAsync(jwt));

        var get = await CliRun.ToExitAsync(api, Operator, "tenants", "get", tid);
        CliAssert.Succeeded(get);
        Assert.Equal("********", JsonNode.Parse(get.Output)!["signing_secret"]!.GetValue<string>());

        var usage = await CliRun.ToExitAsync(api, Operator, "tenants", "usage", tid, "--json");
        CliAssert.Succeeded(usage);
        Assert.Equal(1, JsonNode.Parse(usage.Output)!["granted_last_minute"]!.GetValue<int>());
        var plain = await CliRun.ToExitAsync(api, Operator, "tenants", "usage", tid);
        Assert.Equal($"{tid}: 1 granted in the last minute (cap 7 a minute)", Assert.Single(CliAssert.Lines(plain.Output)));

        var delete = await CliRun.ToExitAsync(api, Operator, "tenants", "delete", tid);
        CliAssert.Succeeded(delete);
        Assert.Equal($"deleted tenant {tid}", Assert.Single(CliAssert.Lines(delete.Output)));

        var gone = await CliRun.ToExitAsync(api, Operator, "tenants", "get", tid);
        CliAssert.FailedWith(gone, 1, "does not exist");
    }

    [Fact]
    public async Task A_wrong_admin_key_exits_1_with_401()
    {
        var run = await CliRun.ToExitAsync(api, "tenants", "get", "dev", "--admin-key", "not-the-key");

        var line = CliAssert.FailedWith(run, 1, "401 ");
        Assert.DoesNotContain("not-the-key", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_definition_the_api_refuses_exits_1_naming_the_field()
    {
        var run = await CliRun.ToExitAsync(api, Operator, "tenants", "put", "cli-short", "--name", "Short", "--signing-secret", "too-short");

        CliAssert.FailedWith(run, 1, "signing_secret");
    }

    [Fact]
    public async Task A_file_that_is_not_a_json_object_exits_2()
    {
        var file = Path.Combine(_directory, "tenant.json");
        await File.WriteAllTextAsync(file, "[1, 2]");

        var run = await CliRun.ToExitAsync(api, Operator, "tenants", "put", "cli-array", "--file", file);

        CliAssert.FailedWith(run, 2, "not a JSON object");
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
