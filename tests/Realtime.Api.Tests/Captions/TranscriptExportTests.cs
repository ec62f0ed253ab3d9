using System.Net;
using System.Text.RegularExpressions;
using Realtime.Api.Tests.Infrastructure;

namespace Realtime.Api.Tests.Captions;

/// <summary>GET /api/sessions/{id}/transcript in each format, cue times from the speech timings.</summary>
[Collection(TwoNodeCollection.Name)]
public sealed class TranscriptExportTests(TwoNodeCluster cluster)
{
    [Fact]
    public async Task WebVtt_starts_its_first_cue_at_the_speech_start_and_is_well_formed()
    {
        var (owner, sessionId) = await PublishConversationAsync();

        var response = await SessionCalls.GetAsync(cluster.NodeB, owner, $"/api/sessions/{sessionId}/transcript?format=vtt");
        var vtt = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/vtt", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("WEBVTT\n\n", vtt);
        var timings = Regex.Matches(vtt, @"^(\d{2}:\d{2}:\d{2}\.\d{3}) --> (\d{2}:\d{2}:\d{2}\.\d{3})$", RegexOptions.Multiline);
        Assert.Equal(2, timings.Count);
        Assert.Equal("00:00:01.250", timings[0].Groups[1].Value);
        Assert.Equal("00:00:03.900", timings[0].Groups[2].Value);
        Assert.Contains("<v user>Hello &lt;world&gt;", vtt);
        Assert.Contains("<v assistant>Hi there", vtt);
    }

    [Fact]
    public async Task Srt_text_and_json_carry_the_same_segments()
    {
        var (owner, sessionId) = await PublishConversationAsync();

        var srt = await (await SessionCalls.GetAsync(cluster.NodeA, owner, $"/api/sessions/{sessionId}/transcript?format=srt")).Content.ReadAsStringAsync();
        Assert.Matches(@"^1\n00:00:01,250 --> 00:00:03,900\nHello <world>\n\n2\n\d{2}:\d{2}:\d{2},\d{3} --> \d{2}:\d{2}:\d{2},\d{3}\nHi there\n\n$", srt);

        var text = await (await SessionCalls.GetAsync(cluster.NodeA, owner, $"/api/sessions/{sessionId}/transcript?format=text")).Content.ReadAsStringAsync();
        Assert.StartsWith("[00:00:01.250] user: Hello <world>\n", text);

        var json = await HttpAssert.OkAsync(await SessionCalls.GetAsync(cluster.NodeA, owner, $"/api/sessions/{sessionId}/transcript"));
        var segments = json["segments"]!.AsArray();
        Assert.Equal(2, segments.Count);
        Assert.Equal("final", segments[0]!["kind"]!.GetValue<string>());
        Assert.Equal(1250, segments[0]!["start_ms"]!.GetValue<long>());
    }

    [Fact]
    public async Task Diarized_speakers_are_voices_in_WebVtt_and_prefixes_in_srt_and_text()
    {
        var (owner, sessionId) = await SessionCalls.MintAsync(cluster.NodeA);
        await using (var speaker = await CaptionClient.ConnectAsync(cluster.NodeA, owner))
        {
            await speaker.PublishAsync(sessionId,
                OpenAIEvents.SpeechStarted("item_1", 2000),
                OpenAIEvents.Diarized("item_1", "seg_1", "Ann", "Shall we start?", 0, 1.5),
                OpenAIEvents.Diarized("item_1", "seg_2", "Bob <2>", "Yes.", 1.75, 2.5),
                OpenAIEvents.UserCompleted("item_1", "Shall we start? Yes."));
        }

        var vtt = await (await SessionCalls.GetAsync(cluster.NodeB, owner, $"/api/sessions/{sessionId}/transcript?format=vtt")).Content.ReadAsStringAsync();
        Assert.Equal("""
            WEBVTT

            item_1:0:seg_1
            00:00:02.000 --> 00:00:03.500
            <v Ann>Shall we start?

            item_1:0:seg_2
            00:00:03.750 --> 00:00:04.500
            <v Bob &lt;2&gt;>Yes.


            """.ReplaceLineEndings("\n"), vtt);

        var srt = await (await SessionCalls.GetAsync(cluster.NodeA, owner, $"/api/sessions/{sessionId}/transcript?format=srt")).Content.ReadAsStringAsync();
        Assert.Equal("1\n00:00:02,000 --> 00:00:03,500\nAnn: Shall we start?\n\n2\n00:00:03,750 --> 00:00:04,500\nBob <2>: Yes.\n\n", srt);

        var text = await (await SessionCalls.GetAsync(cluster.NodeA, owner, $"/api/sessions/{sessionId}/transcript?format=text")).Content.ReadAsStringAsync();
        Assert.Equal("[00:00:02.000] user (Ann): Shall we start?\n[00:00:03.750] user (Bob <2>): Yes.\n", text);
    }

    [Fact]
    public async Task An_unknown_format_is_400()
    {
        var (owner, sessionId) = await SessionCalls.MintAsync(cluster.NodeA);
        var problem = await HttpAssert.ProblemAsync(await SessionCalls.GetAsync(cluster.NodeA, owner, $"/api/sessions/{sessionId}/transcript?format=docx"), HttpStatusCode.BadRequest);
        Assert.Equal("format", problem["param"]!.GetValue<string>());
    }

    private async Task<(string Owner, string SessionId)> PublishConversationAsync()
    {
        var (owner, sessionId) = await SessionCalls.MintAsync(cluster.NodeA);
        await using var speaker = await CaptionClient.ConnectAsync(cluster.NodeA, owner);
        await speaker.PublishAsync(sessionId,
            OpenAIEvents.SpeechStarted("item_1", 1250),
            OpenAIEvents.UserDelta("item_1", "Hel"),
            OpenAIEvents.SpeechStopped("item_1", 3900),
            OpenAIEvents.UserCompleted("item_1", "Hello <world>"));
        // The hub acknowledged the user's turn before the assistant's is sent: the grain saw them in this order.
        await speaker.PublishAsync(sessionId, OpenAIEvents.AssistantDelta("item_2", "Hi"), OpenAIEvents.AssistantDone("item_2", "Hi there"));
        return (owner, sessionId);
    }
}
