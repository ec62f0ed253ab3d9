namespace Realtime.Client.Speaking;

/// <summary>
/// Something went wrong on a live call without ending it: an OpenAI <c>error</c> event (<see cref="Source"/>
/// <c>openai</c>, with its code), or the caption relay refusing a batch (<c>relay</c>, with the hub's code).
/// </summary>
public sealed record SpeakerError(string Source, string? Code, string Message);
