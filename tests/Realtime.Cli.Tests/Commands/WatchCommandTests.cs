using System.Text.Json.Nodes;
using Realtime.Api.Tests.Infrastructure;
using Realtime.Cli.Tests.Infrastructure;

namespace Realtime.Cli.Tests.Commands;

[Collection(CliCollection.Name)]
public sealed class WatchCommandTests(DevApiHost api)
{
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task An_ended_session_is_caught_up_and_the_command_exits_0()
    {
        var session = await SpokenSession.MintAsync(api);
        await session.SpeakAsync(api);
        await session.EndAsync(api);

        var run = await CliRun.ToExitAsync(api, CliRun.As(session.Jwt), "watch", session.SessionId);

        CliAssert.Succeeded(run);
        Assert.Equal([$"user: {SpokenSession.Finals[0]}", $"assistant: {SpokenSession.Finals[1]}"], CliAssert.Lines(run.Output));
    }

    [Fact]
    public async Task Live_captions_print_as_they_settle_until_the_session_ends()
    {
        var session = await SpokenSession.MintAsync(api);
        using var watch = new CliProcess(CliRun.Start(api, CliRun.As(session.Jwt), ["watch", session.SessionId, "--json"]));
        await watch.WaitForNoteAsync("watching " + session.SessionId);

        await session.SpeakAsync(api);
        await session.EndAsync(api);
        var run = await watch.ExitAsync(ExitTimeout);

        CliAssert.Succeeded(run);
        var captions = CliAssert.Lines(run.Output).Select(line => JsonNode.Parse(line)!).ToList();
        var seqs = captions.Select(c => c["seq"]!.GetValue<long>()).ToList();
        Assert.Equal(seqs.Order(), seqs);
        Assert.Equal(seqs.Distinct(), seqs);
        Assert.Contains(captions, c => c["kind"]!.GetValue<string>() == "partial");
        Assert.Equal(SpokenSession.Finals, captions.Where(c => c["kind"]!.GetValue<string>() == "final").Select(c => c["text"]!.GetValue<string>()));
        Assert.Contains("ended", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_skips_the_captions_the_caller_has()
    {
        var session = await SpokenSession.MintAsync(api);
        await session.SpeakAsync(api);
        await session.EndAsync(api);
        var all = await CliRun.ToExitAsync(api, CliRun.As(session.Jwt), "watch", session.SessionId, "--json");
        var firstFinal = CliAssert.Lines(all.Output).Select(line => JsonNode.Parse(line)!).First(c => c["kind"]!.GetValue<string>() == "final");

        var rest = await CliRun.ToExitAsync(api, CliRun.As(session.Jwt), "watch", session.SessionId, "--after", firstFinal["seq"]!.ToJsonString());

        CliAssert.Succeeded(rest);
        Assert.Equal([$"assistant: {SpokenSession.Finals[1]}"], CliAssert.Lines(rest.Output));
    }

    [Fact]
    public async Task Ctrl_c_stops_a_watch_with_130()
    {
        var session = await SpokenSession.MintAsync(api);
        using var watch = new CliProcess(CliRun.Start(api, CliRun.As(session.Jwt), ["watch", session.SessionId]));
        await watch.WaitForNoteAsync("watching " + session.SessionId);

        watch.Interrupt();
        var run = await watch.ExitAsync(ExitTimeout);

        Assert.True(run.ExitCode == 130, $"exit {run.ExitCode}; stderr: {run.Error}");
        Assert.Equal("realtime: interrupted.", CliAssert.Lines(run.Error)[^1]);
    }

    [Fact]
    public async Task A_session_the_token_cannot_see_exits_1()
    {
        var session = await SpokenSession.MintAsync(api);
        var stranger = await DevTokens.ForAsync(api, DevTokens.NewUser());

        var run = await CliRun.ToExitAsync(api, CliRun.As(stranger), "watch", session.SessionId);

        CliAssert.FailedWith(run, 1, "is visible to this token");
    }
}
