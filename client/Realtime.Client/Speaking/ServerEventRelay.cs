using System.Text.Json;
using Realtime.Client.Publishing;

namespace Realtime.Client.Speaking;

/// <summary>
/// Every text message of <c>oai-events</c>: handed to the <see cref="CaptionPublisher"/> as received (the hub folds
/// captions from them), then raised to the speaker's listeners; OpenAI's <c>error</c> events also as a
/// <see cref="SpeakerError"/>. A message that is not a JSON object is not OpenAI's and is skipped.
/// </summary>
internal sealed class ServerEventRelay(CaptionPublisher publisher, Action<JsonElement> received, Action<SpeakerError> failed)
{
    private readonly TaskCompletionSource _sessionCreated = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes with OpenAI's first event, <c>session.created</c>: the call is live.</summary>
    public Task SessionCreated => _sessionCreated.Task;

    public void OnMessage(string text)
    {
        JsonElement serverEvent;
        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind != JsonValueKind.Object) return;
            serverEvent = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return;
        }
        publisher.Add(serverEvent);
        var type = Text(serverEvent, "type");
        if (type == "session.created") _sessionCreated.TrySetResult();
        received(serverEvent);
        if (type == "error" && serverEvent.TryGetProperty("error", out var error))
            failed(new SpeakerError("openai", Text(error, "code"), Text(error, "message") ?? "OpenAI reported an error."));
    }

    internal static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
