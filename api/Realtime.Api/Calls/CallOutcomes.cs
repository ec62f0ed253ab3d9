namespace Realtime.Api.Calls;

/// <summary>The <c>outcome</c> tag of <c>realtime_calls_total</c>: a small fixed vocabulary, so /metrics stays public.</summary>
public static class CallOutcomes
{
    /// <summary>OpenAI answered the offer; the answer went back to the browser.</summary>
    public const string Answered = "answered";

    /// <summary>The api refused the request (not the owner, session over, bad offer, no key).</summary>
    public const string Refused = "refused";

    /// <summary>OpenAI refused the offer, failed, or did not answer in time.</summary>
    public const string UpstreamError = "upstream_error";
}
