using Realtime.Api.Tests.Infrastructure;
using Realtime.Client.Publishing;
using Realtime.Client.Transport;

namespace Realtime.Cli.Tests.Infrastructure;

/// <summary>
/// A session with captions, made the way a speaker makes them: minted for a fresh dev user, then its OpenAI events
/// relayed through the real <see cref="CaptionPublisher"/> over the hub until acknowledged.
/// </summary>
public sealed class SpokenSession
{
    public static readonly string[] Finals = ["Hello from the command line.", "Hi, the captions are flowing."];

    private SpokenSession(string jwt, string sessionId) => (Jwt, SessionId) = (jwt, sessionId);

    public string Jwt { get; }

    public string SessionId { get; }

    public static async Task<SpokenSession> MintAsync(ApiHost host)
    {
        var (jwt, sessionId) = await SessionCalls.MintAsync(host);
        return new SpokenSession(jwt, sessionId);
    }

    /// <summary>A user turn and the assistant's reply, both final, published and acknowledged.</summary>
    public async Task SpeakAsync(ApiHost host)
    {
        await using var hub = new HubCaptionTransport(host.BaseAddress, () => Task.FromResult<string?>(Jwt));
        await hub.StartAsync(CancellationToken.None);
        await using var publisher = new CaptionPublisher(hub, SessionId);
        publisher.Add(OpenAIEvents.Committed("item_user_1", null).AsElement());
        publisher.Add(OpenAIEvents.UserDelta("item_user_1", "Hello from").AsElement());
        publisher.Add(OpenAIEvents.UserCompleted("item_user_1", Finals[0]).AsElement());
        publisher.Add(OpenAIEvents.AssistantDelta("item_assistant_1", "Hi, the").AsElement());
        publisher.Add(OpenAIEvents.AssistantDone("item_assistant_1", Finals[1]).AsElement());
        await publisher.FlushAsync();
        Assert.Null(publisher.StoppedBy);
    }

    public async Task EndAsync(ApiHost host)
    {
        using var ended = await SessionCalls.PostAsync(host, Jwt, $"/api/sessions/{SessionId}/end");
        await HttpAssert.OkAsync(ended);
    }
}
