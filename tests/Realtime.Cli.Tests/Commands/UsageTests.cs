using Realtime.Api.Tests.Infrastructure;
using Realtime.Cli.Tests.Infrastructure;

namespace Realtime.Cli.Tests.Commands;

/// <summary>What a user gets for a wrong command line (exit 2, one line, before anything is sent) and for <c>--help</c>.</summary>
[Collection(CliCollection.Name)]
public sealed class UsageTests(DevApiHost api)
{
    /// <summary>A file that exists but is not audio (this test assembly's own runtime config).</summary>
    private static readonly string NotAWav = Path.Combine(AppContext.BaseDirectory, "realtime.runtimeconfig.json");

    public static TheoryData<string[], string> WrongCommandLines => new()
    {
        { [], "Required command" },
        { ["speek"], "speek" },
        { ["token", "--ttl", "abc"], "--ttl" },
        { ["token", "--type", "video"], "video" },
        { ["token", "--nope"], "--nope" },
        { ["transcript", "ses_x", "--format", "doc"], "doc" },
        { ["watch"], "session" },
        { ["watch", "ses_x", "--after", "-1"], "--after" },
        { ["tenants"], "Required command" },
        { ["tenants", "get"], "tid" },
        { ["token", "--api", "ftp://example"], "not an http(s) URL" },
        { ["tenants", "get", "acme"], "no admin key" },
        { ["speak"], "--file" },
        { ["speak", "--file", "/no/such/talk.wav"], "does not exist" },
        { ["speak", "--file", NotAWav], "not a playable WAV" },
        { ["load", "--file", NotAWav, "--for", "soon"], "--for" },
        { ["load", "--file", NotAWav, "--speakers", "0"], "--speakers" },
    };

    [Theory]
    [MemberData(nameof(WrongCommandLines))]
    public async Task A_wrong_command_line_exits_2_with_one_line(string[] arguments, string expected)
    {
        // Nothing listens there: a command that sent anything would fail with exit 1 ("cannot reach the api"), not 2.
        var unreachable = new Dictionary<string, string> { ["REALTIME_API"] = $"http://127.0.0.1:{FreePort.Next()}" };

        var run = await CliRun.ToExitAsync(api, unreachable, arguments);

        CliAssert.FailedWith(run, 2, expected);
    }

    [Theory]
    [InlineData("realtime", "--help")]
    [InlineData("realtime token", "token", "--help")]
    [InlineData("realtime watch", "watch", "-h")]
    [InlineData("realtime transcript", "transcript", "--help")]
    [InlineData("realtime tenants", "tenants", "--help")]
    [InlineData("realtime tenants put", "tenants", "put", "--help")]
    [InlineData("realtime tenants get", "tenants", "get", "--help")]
    [InlineData("realtime tenants usage", "tenants", "usage", "--help")]
    [InlineData("realtime tenants delete", "tenants", "delete", "--help")]
    [InlineData("realtime speak", "speak", "--help")]
    [InlineData("realtime load", "load", "--help")]
    public async Task Every_command_has_help_with_examples(string command, params string[] arguments)
    {
        var run = await CliRun.ToExitAsync(api, arguments);

        CliAssert.Succeeded(run);
        Assert.Contains("Usage:", run.Output, StringComparison.Ordinal);
        var examples = run.Output[run.Output.IndexOf("Examples:", StringComparison.Ordinal)..];
        Assert.Contains("  " + command.Split(' ')[0], examples, StringComparison.Ordinal);
        if (command != "realtime") Assert.Contains(command, examples, StringComparison.Ordinal);
    }
}
