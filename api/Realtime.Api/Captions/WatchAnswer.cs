using Realtime.Shared.Captions;

namespace Realtime.Api.Captions;

/// <summary>The hub's answer to Watch: <c>{ state, lastSeq, updates }</c> (camelCase, SignalR's JSON protocol).</summary>
public sealed record WatchAnswer(string State, long LastSeq, IReadOnlyList<CaptionUpdate> Updates);
