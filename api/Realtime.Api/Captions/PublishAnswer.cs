using Realtime.Shared.Captions;

namespace Realtime.Api.Captions;

/// <summary>
/// The hub's answer to Publish: <c>{ ack, refusal }</c>, exactly one of them set. A refusal is data, not a
/// <c>HubException</c>, so a client reacts to its <see cref="HubRefusal.Code"/> without reading SignalR's
/// error text; a Publish that throws failed for a reason worth retrying.
/// </summary>
public sealed record PublishAnswer(PublishAccepted? Ack, HubRefusal? Refusal)
{
    public static PublishAnswer Accepted(PublishAck ack) => new(new PublishAccepted(ack.Accepted, ack.Duplicates, ack.LastSeq), null);

    public static PublishAnswer Refused(HubRefusal refusal) => new(null, refusal);
}
