using System.CommandLine;
using Realtime.Cli.Help;
using Realtime.Cli.Output;
using Realtime.Cli.Settings;
using Realtime.Client.Api;
using Spectre.Console;

namespace Realtime.Cli.Commands;

/// <summary><c>realtime token</c>: mints an ephemeral secret and a session, as a browser's backend would.</summary>
internal static class TokenCommand
{
    public static Command Create(CliConsole console)
    {
        var type = new Option<string>("--type") { Description = "The session type", DefaultValueFactory = _ => "realtime" };
        type.AcceptOnlyFromAmong("realtime", "transcription");
        var ttl = new Option<int>("--ttl") { Description = "The secret's lifetime in seconds (60–600; the api's default is 300)" };
        var model = new Option<string?>("--model") { Description = "The model (the tenant must allow it)" };
        var json = new Option<bool>("--json") { Description = "Print the api's whole answer as JSON" };
        var command = new CliCommand("token", "Mint an ephemeral OpenAI secret (ek_…) and its session for the user of the token.",
            "realtime token",
            "realtime token --type transcription --ttl 120 --json",
            "REALTIME_API=https://rt.example.com REALTIME_TOKEN=$JWT realtime token")
        {
            type, ttl, model, json,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var settings = new CliSettings(parsed);
            using var user = new UserConnection(settings);
            var request = new MintRequest { Type = parsed.GetValue(type), TtlSeconds = parsed.GetResult(ttl) is null ? null : parsed.GetValue(ttl), Model = parsed.GetValue(model) };
            var minted = await user.Api.MintAsync(request, cancellationToken);
            if (parsed.GetValue(json)) console.Json(minted.Answer, indented: false);
            else Print(console, minted);
            return 0;
        });
        return command;
    }

    private static void Print(CliConsole console, MintedSession minted)
    {
        var expires = DateTimeOffset.FromUnixTimeSeconds(minted.ExpiresAt);
        (string Name, string Value)[] rows =
        [
            ("secret", minted.ClientSecret),
            ("session", minted.SessionId),
            ("model", minted.Model ?? ""),
            ("expires", $"{expires:yyyy-MM-ddTHH:mm:ssZ} (in {Math.Max(0, (expires - DateTimeOffset.UtcNow).TotalSeconds):0} s)"),
            ("calls_url", minted.CallsUrl ?? ""),
        ];
        foreach (var (name, value) in rows) console.Styled($"[grey]{name,-10}[/] {Markup.Escape(value)}", $"{name,-10} {value}");
    }
}
