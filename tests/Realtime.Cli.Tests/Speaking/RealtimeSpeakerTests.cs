using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Realtime.Api.Tests.Infrastructure;
using Realtime.Cli.Tests.Infrastructure;
using Realtime.Client.Api;
using Realtime.Client.Speaking;
using Realtime.Client.Wire;
using Realtime.WebRtc.Audio;

namespace Realtime.Cli.Tests.Speaking;

/// <summary>
/// The library's speaker against the dev api and its emulator: a real call over the managed peer connection, the
/// relay through the hub, and the session's own captions coming back as typed events.
/// </summary>
[Collection(CliCollection.Name)]
public sealed class RealtimeSpeakerTests(DevApiHost api)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_typed_turn_is_relayed_captioned_and_ended(bool serverSideCall)
    {
        var jwt = await DevTokens.ForAsync(api, DevTokens.NewUser());
        var captions = new ConcurrentQueue<Caption>();
        var states = new ConcurrentQueue<string>();
        var options = new RealtimeSpeakerOptions { ApiBaseUrl = api.BaseAddress, Token = jwt, ServerSideCall = serverSideCall };
        await using var speaker = new RealtimeSpeaker(options);
        speaker.CaptionReceived += captions.Enqueue;
        speaker.SessionStateChanged += states.Enqueue;

        await speaker.ConnectAsync();
        Assert.Equal(SpeakerState.Live, speaker.State);
        speaker.SendText("Ping");
        await Eventually.TrueAsync(() => captions.Any(c => c.Kind == "final" && c.Role == "assistant"),
            () => $"captions: {string.Join(" | ", captions.Select(c => $"{c.Kind}:{c.Text}"))}", Wait);
        await speaker.StopAsync();

        Assert.Equal(SpeakerState.Stopped, speaker.State);
        var final = Assert.Single(captions, c => c.Kind == "final");
        Assert.Equal("You said: Ping", final.Text);
        var session = await HttpAssert.OkAsync(await SessionCalls.GetAsync(api, jwt, $"/api/sessions/{speaker.SessionId}"));
        Assert.Equal("ended", session["state"]!.GetValue<string>());
        using var transcript = await SessionCalls.GetAsync(api, jwt, $"/api/sessions/{speaker.SessionId}/transcript?format=text");
        Assert.Contains("assistant: You said: Ping", await transcript.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Options_bind_from_configuration_and_no_secret_is_logged()
    {
        var jwt = await DevTokens.ForAsync(api, DevTokens.NewUser());
        var logs = new LogSink();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Realtime:Speaker:ApiBaseUrl"] = api.BaseAddress.AbsoluteUri,
            ["Realtime:Speaker:Token"] = jwt,
            ["Realtime:Speaker:Type"] = "realtime",
            ["Realtime:Speaker:TtlSeconds"] = "120",
            ["Realtime:Speaker:ConnectTimeout"] = "00:00:40",
        }).Build();
        await using var services = new ServiceCollection()
            .AddLogging(logging => logging.AddProvider(logs).SetMinimumLevel(LogLevel.Trace))
            .AddRealtimeSpeaker(configuration.GetSection(RealtimeSpeakerOptions.SectionName))
            .BuildServiceProvider();
        var serverEvents = new ConcurrentQueue<string?>();
        await using var speaker = services.GetRequiredService<RealtimeSpeakerFactory>().Create();
        speaker.ServerEventReceived += e => serverEvents.Enqueue(e.GetProperty("type").GetString());

        await speaker.ConnectAsync();
        speaker.SendText("Hello");
        await Eventually.TrueAsync(() => serverEvents.Contains("response.done"), () => string.Join(" ", serverEvents), Wait);
        await speaker.StopAsync();

        var ended = await HttpAssert.OkAsync(await SessionCalls.GetAsync(api, jwt, $"/api/sessions/{speaker.SessionId}"));
        Assert.Equal("ended", ended["state"]!.GetValue<string>());
        Assert.Equal("session.created", serverEvents.First());
        // TtlSeconds came from configuration: the secret lives 120 s.
        var lifetime = DateTimeOffset.Parse(ended["expires_at"]!.GetValue<string>(), CultureInfo.InvariantCulture)
            - DateTimeOffset.Parse(ended["issued_at"]!.GetValue<string>(), CultureInfo.InvariantCulture);
        Assert.InRange(lifetime.TotalSeconds, 110, 130);
        Assert.Contains(logs.Lines, line => line.Contains(speaker.SessionId!, StringComparison.Ordinal) && line.Contains("live", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines, line => line.Contains(jwt, StringComparison.Ordinal) || line.Contains("ek_", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Audio_goes_out_at_real_time_pace_on_the_call()
    {
        var jwt = await DevTokens.ForAsync(api, DevTokens.NewUser());
        await using var speaker = new RealtimeSpeaker(new RealtimeSpeakerOptions { ApiBaseUrl = api.BaseAddress, Token = jwt });
        await speaker.ConnectAsync();
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var playback = await speaker.SpeakAsync(new ToneSource(440, duration: TimeSpan.FromSeconds(1)));

        Assert.Equal(50, playback.FramesSent);
        Assert.Equal(0, playback.FramesDropped);
        Assert.Equal(TimeSpan.FromSeconds(1), playback.Duration);
        // Paced: the 50th frame is due 980 ms after the first.
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(950), $"sent in {clock.ElapsedMilliseconds} ms");
        var stats = speaker.PeerConnection!.GetStats()!;
        Assert.Equal(50, stats.Rtp.PacketsSent);
        Assert.Equal("opus", stats.Codec);
        await speaker.StopAsync();
    }

    [Fact]
    public async Task Spoken_turns_are_transcribed_answered_and_settled()
    {
        var wav = await TalkWav.GetAsync();
        var jwt = await DevTokens.ForAsync(api, DevTokens.NewUser());
        var finals = new ConcurrentQueue<Caption>();
        await using var speaker = new RealtimeSpeaker(new RealtimeSpeakerOptions { ApiBaseUrl = api.BaseAddress, Token = jwt });
        speaker.CaptionReceived += c =>
        {
            if (c.Kind == "final") finals.Enqueue(c);
        };
        await speaker.ConnectAsync();

        var playback = await speaker.SpeakAsync(WavFileSource.Open(wav.Path));
        await speaker.SpeakAsync(new SilenceSource(TimeSpan.FromSeconds(1.5)));
        using var settled = new CancellationTokenSource(Wait);
        await speaker.Turns.WhenSettledAsync(settled.Token);
        await speaker.StopAsync();

        Assert.Equal((long)Math.Ceiling(wav.Duration.TotalMilliseconds / 20), playback.FramesSent);
        var users = finals.Where(c => c.Role == "user").Select(c => c.Text).ToList();
        Assert.Equal(wav.Turns.Count, users.Count);
        Assert.All(users, text => Assert.Matches(@"^Turn \d+ \(\d+\.\d s\)\.$", text));
        // Every spoken turn was answered or, when the next turn barged in, cut short: either way its caption settled.
        Assert.Equal(0, speaker.Turns.Pending);
        Assert.Equal(wav.Turns.Count, speaker.Turns.FinalLatencies.Count);
        Assert.Contains(finals, c => c.Role == "assistant" && c.Text.StartsWith("You said: Turn 1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_refused_token_fails_to_connect_with_the_apis_answer()
    {
        await using var speaker = new RealtimeSpeaker(new RealtimeSpeakerOptions { ApiBaseUrl = api.BaseAddress, Token = "not-a-jwt" });

        var refused = await Assert.ThrowsAsync<RealtimeApiException>(() => speaker.ConnectAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, refused.Status);
        Assert.Null(speaker.SessionId);
    }
}
