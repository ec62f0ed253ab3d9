namespace Realtime.Client.Wire;

/// <summary>The codes of <see cref="PublishRefusal"/>, as the hub's contract names them; the publisher acts on these, never on the message.</summary>
public static class PublishRefusalCodes
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

    /// <summary>True for the refusals after which no batch to this session can succeed.</summary>
    public static bool EndsPublishing(string code) => code is NotVisible or NotOwner or SessionEnded;
}
