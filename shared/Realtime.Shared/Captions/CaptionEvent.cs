namespace Realtime.Shared.Captions;

/// <summary>
/// The part of an OpenAI data-channel event that captions need, parsed and checked at the api node
/// (<see cref="CaptionEventParser"/>) so the session grain only ever sees well-formed input.
/// Beta event names are mapped to their GA meaning on parsing. <see cref="AudioMs"/> is a speech time or a diarized
/// segment's start, <see cref="EndMs"/> its end; <see cref="PreviousItemId"/> is empty when the item opens the conversation.
/// </summary>
[GenerateSerializer, Immutable, Alias("Realtime.CaptionEvent")]
public sealed record CaptionEvent(
    [property: Id(0)] string EventId,
    [property: Id(1)] CaptionEventKind Kind,
    [property: Id(2)] string? ItemId,
    [property: Id(3)] int ContentIndex,
    [property: Id(4)] string? Text,
    [property: Id(5)] long? AudioMs,
    [property: Id(6)] string? Speaker = null,
    [property: Id(7)] string? PartId = null,
    [property: Id(8)] long? EndMs = null,
    [property: Id(9)] string? PreviousItemId = null);
