using Realtime.Shared.Captions;

namespace Realtime.Api.Captions;

/// <summary>
/// The hub's answer to Watch: <c>{ state, lastSeq, updates, refusal }</c> (camelCase, SignalR's JSON protocol). A
/// refusal is data with a code, as Publish's (<see cref="HubRefusal"/>), so a viewer never reads SignalR's error
/// text; when refused, <c>state</c> and <c>lastSeq</c> are null and <c>updates</c> is empty.
/// </summary>
public sealed record WatchAnswer(string? State, long? LastSeq, IReadOnlyList<CaptionUpdate> Updates, HubRefusal? Refusal = null)
{
    public static WatchAnswer Refused(HubRefusal refusal) => new(null, null, [], refusal);
}
