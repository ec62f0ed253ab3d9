using System.Net;
using System.Text.Json.Nodes;
using Realtime.Api.Tests.Infrastructure;
using Realtime.Cli.Tests.Infrastructure;

namespace Realtime.Cli.Tests.Commands;

[Collection(CliCollection.Name)]
public sealed class TokenCommandTests(DevApiHost api)
{
    [Fact]
    public async Task Token_json_prints_a_secret_for_the_user_of_REALTIME_TOKEN()
    {
        var jwt = await DevTokens.ForAsync(api, DevTokens.NewUser());

        var run = await CliRun.ToExitAsync(api, CliRun.As(jwt), "token", "--json");

        CliAssert.Succeeded(run);
        var answer = JsonNode.Parse(Assert.Single(CliAssert.Lines(run.Output)))!;
        Assert.StartsWith("ek_", answer["client_secret"]!.GetValue<string>(), StringComparison.Ordinal);
        var sessionId = answer["session_id"]!.GetValue<string>();
        // The session is that user's: their token reads it.
        var session = await HttpAssert.OkAsync(await SessionCalls.GetAsync(api, jwt, $"/api/sessions/{sessionId}"));
        Assert.Equal("issued", session["state"]!.GetValue<string>());
    }

    [Fact]
    public async Task Type_and_ttl_reach_the_api()
    {
        var jwt = await DevTokens.ForAsync(api, DevTokens.NewUser());
        var before = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        var run = await CliRun.ToExitAsync(api, CliRun.As(jwt), "token", "--type", "transcription", "--ttl", "120", "--json");

        CliAssert.Succeeded(run);
        var answer = JsonNode.Parse(run.Output)!;
        Assert.Equal("transcription", answer["session"]!["type"]!.GetValue<string>());
        Assert.InRange(answer["expires_at"]!.GetValue<long>(), before + 110, before + 130);
    }

    [Fact]
    public async Task Without_a_token_a_development_api_gives_one_for_the_user_named()
    {
        var user = DevTokens.NewUser();

        var run = await CliRun.ToExitAsync(api, "token", "--user", user);

        CliAssert.Succeeded(run);
        var lines = CliAssert.Lines(run.Output);
        Assert.Contains(lines, line => line.StartsWith("secret", StringComparison.Ordinal) && line.Contains("ek_", StringComparison.Ordinal));
        var sessionId = Assert.Single(lines, line => line.StartsWith("session", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        var owner = await DevTokens.ForAsync(api, user);
        var session = await HttpAssert.OkAsync(await SessionCalls.GetAsync(api, owner, $"/api/sessions/{sessionId}"));
        Assert.Equal(user, session["owner"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_refused_token_exits_1_with_the_apis_sentence()
    {
        var run = await CliRun.ToExitAsync(api, CliRun.As("not-a-jwt"), "token");

        var line = CliAssert.FailedWith(run, 1, $"{(int)HttpStatusCode.Unauthorized} ");
        Assert.DoesNotContain("not-a-jwt", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_ttl_the_api_refuses_exits_1_naming_it()
    {
        var jwt = await DevTokens.ForAsync(api, DevTokens.NewUser());

        var run = await CliRun.ToExitAsync(api, CliRun.As(jwt), "token", "--ttl", "5");

        CliAssert.FailedWith(run, 1, "ttl_seconds");
    }

    [Fact]
    public async Task An_api_nobody_listens_on_exits_1_saying_so()
    {
        var run = await CliRun.ToExitAsync(api, CliRun.As("x"), "token", "--api", $"http://127.0.0.1:{FreePort.Next()}");

        CliAssert.FailedWith(run, 1, "cannot reach the api");
    }
}
