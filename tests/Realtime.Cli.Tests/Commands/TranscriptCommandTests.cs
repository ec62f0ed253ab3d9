using System.Text.Json.Nodes;
using Realtime.Api.Tests.Infrastructure;
using Realtime.Cli.Tests.Infrastructure;

namespace Realtime.Cli.Tests.Commands;

[Collection(CliCollection.Name)]
public sealed class TranscriptCommandTests(DevApiHost api) : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("realtime-cli-").FullName;

    [Fact]
    public async Task Vtt_to_a_file_holds_the_sessions_finals()
    {
        var session = await SpokenSession.MintAsync(api);
        await session.SpeakAsync(api);
        var file = Path.Combine(_directory, "talk.vtt");

        var run = await CliRun.ToExitAsync(api, CliRun.As(session.Jwt), "transcript", session.SessionId, "--format", "vtt", "-o", file);

        CliAssert.Succeeded(run);
        Assert.True(string.IsNullOrWhiteSpace(run.Output), run.Output);
        var vtt = await File.ReadAllTextAsync(file);
        Assert.StartsWith("WEBVTT", vtt, StringComparison.Ordinal);
        Assert.Contains("<v user>" + SpokenSession.Finals[0], vtt, StringComparison.Ordinal);
        Assert.Contains("<v assistant>" + SpokenSession.Finals[1], vtt, StringComparison.Ordinal);
        // Exactly what the api serves.
        using var served = await SessionCalls.GetAsync(api, session.Jwt, $"/api/sessions/{session.SessionId}/transcript?format=vtt");
        Assert.Equal(await served.Content.ReadAsStringAsync(), vtt);
    }

    [Fact]
    public async Task Json_to_standard_output_lists_the_segments()
    {
        var session = await SpokenSession.MintAsync(api);
        await session.SpeakAsync(api);

        var run = await CliRun.ToExitAsync(api, CliRun.As(session.Jwt), "transcript", session.SessionId, "--format", "json");

        CliAssert.Succeeded(run);
        var segments = JsonNode.Parse(run.Output)!["segments"]!.AsArray();
        Assert.Equal(SpokenSession.Finals, segments.Select(s => s!["text"]!.GetValue<string>()));
        Assert.All(segments, s => Assert.Equal("final", s!["kind"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Another_users_session_exits_1_as_not_visible()
    {
        var session = await SpokenSession.MintAsync(api);
        var stranger = await DevTokens.ForAsync(api, DevTokens.NewUser());

        var run = await CliRun.ToExitAsync(api, CliRun.As(stranger), "transcript", session.SessionId);

        CliAssert.FailedWith(run, 1, "404 ");
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
