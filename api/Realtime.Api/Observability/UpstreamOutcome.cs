using Realtime.Api.Upstream;

namespace Realtime.Api.Observability;

/// <summary>The <c>outcome</c> tag of <c>realtime.upstream.duration</c>, and the refusal reason each failure becomes.</summary>
public static class UpstreamOutcome
{
    public const string Ok = "ok";
    public const string Cancelled = "cancelled";

    public static string Of(UpstreamFailure failure) => failure switch
    {
        UpstreamFailure.CredentialsRefused => "credentials_refused",
        UpstreamFailure.RateLimited => "rate_limited",
        UpstreamFailure.RequestRefused => "request_refused",
        UpstreamFailure.TimedOut => "timeout",
        _ => "unavailable",
    };

    public static string RefusalReason(UpstreamFailure failure) => failure switch
    {
        UpstreamFailure.CredentialsRefused => RefusalReasons.UpstreamCredentialsRefused,
        UpstreamFailure.RateLimited => RefusalReasons.UpstreamRateLimited,
        UpstreamFailure.RequestRefused => RefusalReasons.UpstreamRefused,
        UpstreamFailure.TimedOut => RefusalReasons.UpstreamTimeout,
        _ => RefusalReasons.UpstreamUnavailable,
    };
}
