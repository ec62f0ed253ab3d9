namespace Realtime.Api.Upstream;

/// <summary>A failed upstream call. Its message never contains an API key.</summary>
public sealed class UpstreamException(UpstreamFailure failure, string message, int? upstreamStatus = null, TimeSpan? retryAfter = null)
    : Exception(message)
{
    public UpstreamFailure Failure { get; } = failure;

    public int? UpstreamStatus { get; } = upstreamStatus;

    public TimeSpan? RetryAfter { get; } = retryAfter;
}
