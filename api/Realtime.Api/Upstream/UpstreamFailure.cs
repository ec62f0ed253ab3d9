namespace Realtime.Api.Upstream;

/// <summary>How a call to OpenAI's client_secrets endpoint failed; each maps to one HTTP answer.</summary>
public enum UpstreamFailure
{
    /// <summary>401/403: the server's (or tenant's) OpenAI key was refused → 502.</summary>
    CredentialsRefused,
    /// <summary>429: OpenAI is rate-limiting this account → 503 with Retry-After.</summary>
    RateLimited,
    /// <summary>Another 4xx: OpenAI refused the session we forwarded → 400 with its reason.</summary>
    RequestRefused,
    /// <summary>5xx, an unreadable answer, or no connection → 502.</summary>
    Unavailable,
    /// <summary>No answer within OpenAI:TimeoutSeconds → 504.</summary>
    TimedOut,
}
