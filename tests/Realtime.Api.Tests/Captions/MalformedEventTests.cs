using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Realtime.Api.Captions;
using Realtime.Api.Tests.Infrastructure;
using Realtime.Testing;

namespace Realtime.Api.Tests.Captions;

/// <summary>
/// Publish with events that parse but cannot be trusted (duplicate names, unpaired surrogates, invalid UTF-8):
/// the hub refuses the whole batch with an error naming the fault and the event, applies nothing of it, and the
/// connection stays usable.
/// </summary>
[Collection(DevCollection.Name)]
public sealed class MalformedEventTests(DevApiHost host)
{
    [Theory]
    [MemberData(nameof(MalformedJson.Cases), MemberType = typeof(MalformedJson))]
    public async Task A_malformed_event_refuses_the_whole_batch(string fault)
    {
        var (jwt, sessionId) = await SessionCalls.MintAsync(host);
        var good = Encoding.UTF8.GetBytes(OpenAIEvents.UserCompleted("item_" + Guid.NewGuid().ToString("N")[..8], "held back").ToJsonString());
        await using var hub = await RawHubSocket.ConnectAsync(host, jwt);

        var refused = await hub.PublishRawAsync(sessionId, [.. "["u8, .. good, .. ","u8, .. MalformedJson.Bytes(fault), .. "]"u8]);

        Assert.Null(refused["error"]);
        var refusal = refused["result"]!["refusal"]!;
        Assert.Null(refused["result"]!["ack"]);
        Assert.Equal("invalid_events", (string?)refusal["code"]);
        var message = (string?)refusal["message"];
        Assert.StartsWith("The events were refused: ", message);
        Assert.Contains(MalformedJson.Problem(fault), message);
        Assert.Contains("$[1]", message);

        // Nothing of the batch was applied: its good event is still new when sent alone, on the same connection.
        var accepted = await hub.PublishRawAsync(sessionId, [.. "["u8, .. good, .. "]"u8]);
        Assert.Null(accepted["error"]);
        Assert.Null(accepted["result"]!["refusal"]);
        Assert.Equal(1, (int?)accepted["result"]!["ack"]!["accepted"]);
        Assert.Equal(0, (int?)accepted["result"]!["ack"]!["duplicates"]);
    }

    [Fact]
    public async Task The_SignalR_client_sending_a_duplicate_name_gets_an_invalid_events_refusal()
    {
        var (jwt, sessionId) = await SessionCalls.MintAsync(host);
        await using var client = await CaptionClient.ConnectAsync(host, jwt);
        using var events = JsonDocument.Parse("""
            [{"type":"conversation.item.input_audio_transcription.completed","event_id":"event_dup1","item_id":"item_dup",
              "content_index":0,"transcript":"first","transcript":"second"}]
            """);

        var answer = await client.TryPublishJsonAsync(sessionId, events.RootElement);

        Assert.Null(answer.Ack);
        Assert.Equal(HubRefusalCodes.InvalidEvents, answer.Refusal?.Code);
        Assert.Contains("duplicate property 'transcript' at $[0]", answer.Refusal!.Message);
        var ack = await client.PublishAsync(sessionId, OpenAIEvents.UserCompleted("item_after", "still connected"));
        Assert.Equal(1, ack.Accepted);
    }
}
