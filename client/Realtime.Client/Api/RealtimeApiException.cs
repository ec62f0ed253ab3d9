using System.Net;

namespace Realtime.Client.Api;

/// <summary>
/// The api answered with an error (problem+json): its status and the one sentence it says to fix (<see cref="Detail"/>),
/// plus the limit or parameter it names, so a caller can act on the reason rather than parse the message.
/// </summary>
public sealed class RealtimeApiException : Exception
{
    public RealtimeApiException()
    {
    }

    public RealtimeApiException(string message) : base(message)
    {
    }

    public RealtimeApiException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public RealtimeApiException(HttpStatusCode status, string? title, string? detail, string? param = null, string? limit = null)
        : base(Describe(status, title, detail)) => (Status, Title, Detail, Param, Limit) = (status, title, detail, param, limit);

    public HttpStatusCode Status { get; }

    public string? Title { get; }

    public string? Detail { get; }

    /// <summary>The offending field of a 400 or 403 (<c>ttl_seconds</c>, <c>format</c>…), when the api names one.</summary>
    public string? Param { get; }

    /// <summary>The limit a 429 hit (<c>per_minute</c>, <c>concurrent_sessions</c>…), when the api names one.</summary>
    public string? Limit { get; }

    private static string Describe(HttpStatusCode status, string? title, string? detail) =>
        $"{(int)status} {title ?? status.ToString()}: {detail ?? "the api gave no detail."}";
}
