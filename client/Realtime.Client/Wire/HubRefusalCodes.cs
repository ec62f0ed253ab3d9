namespace Realtime.Client.Wire;

/// <summary>
/// The codes of <see cref="HubRefusal"/>, the hub's one refusal type for Publish and Watch, as its contract names
/// them; the publisher and the viewer act on these, never on the message.
/// </summary>
public static class HubRefusalCodes
{
    /// <summary>The connection's Publish budget is spent: the same batch goes again after <c>retryAfterMs</c>.</summary>
    public const string RateLimited = "rate_limited";

    /// <summary>No such session is visible to the token: publishing stops.</summary>
    public const string NotVisible = "not_visible";

    /// <summary>The token is not the session owner's: publishing stops.</summary>
    public const string NotOwner = "not_owner";

    /// <summary>The session is over: publishing stops.</summary>
    public const string SessionEnded = "session_ended";

    /// <summary>The batch failed validation: it is dropped and reported; later batches still go.</summary>
    public const string InvalidEvents = "invalid_events";

    /// <summary>Watch's afterSeq was negative: a client bug, so watching again the same way cannot help.</summary>
    public const string InvalidAfterSeq = "invalid_after_seq";

    /// <summary>True for the refusals after which no batch to this session can succeed.</summary>
    public static bool EndsPublishing(string code) => code is NotVisible or NotOwner or SessionEnded;
}
