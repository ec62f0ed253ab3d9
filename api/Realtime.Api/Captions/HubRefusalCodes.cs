using Realtime.Shared.Captions;

namespace Realtime.Api.Captions;

/// <summary>
/// The codes of <see cref="HubRefusal"/>, the hub's one refusal type for Publish and Watch: every refusal a
/// well-behaved client must react to. Clients switch on these, never on the message.
/// </summary>
public static class HubRefusalCodes
{
    /// <summary>The connection's Publish budget is spent: send the same batch again after <c>retryAfterMs</c>.</summary>
    public const string RateLimited = "rate_limited";

    /// <summary>No session with this id is visible to the token (unknown, malformed, another tenant's, or not the watch token's): stop.</summary>
    public const string NotVisible = "not_visible";

    /// <summary>The caller is not the session's owner (another user, or a watch token): stop.</summary>
    public const string NotOwner = PublishRefusal.NotOwner;

    /// <summary>The session is over and takes no more events: stop.</summary>
    public const string SessionEnded = PublishRefusal.SessionEnded;

    /// <summary>The batch failed validation: drop it (resending cannot help) and go on with the next.</summary>
    public const string InvalidEvents = "invalid_events";

    /// <summary>Watch's <c>afterSeq</c> was negative: a client bug, so asking again the same way cannot help.</summary>
    public const string InvalidAfterSeq = "invalid_after_seq";
}
