namespace Realtime.Client.Wire;

/// <summary>The hub's answer to <c>Publish</c>: exactly one of <see cref="Ack"/> and <see cref="Refusal"/> is set.</summary>
public sealed record PublishAnswer(PublishAck? Ack, HubRefusal? Refusal);
