using Microsoft.AspNetCore.Diagnostics;
using Realtime.Shared.Logging;

namespace Realtime.Api.Problems;

/// <summary>
/// The last line of defence: an exception that escaped an endpoint becomes problem+json, never a bare 500.
/// Orleans failures (cluster unreachable, grain call timed out) are the operator's transient trouble: 503.
/// </summary>
public sealed partial class ClusterExceptionHandler(ILogger<ClusterExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (httpContext.Response.HasStarted) return false;
        var (status, detail) = Classify(exception);
        // Only the exception type and message: request bodies (which may hold keys) are never logged.
        LogRequestFailed(logger, LogText.Escape(httpContext.Request.Method), LogText.Escape(httpContext.Request.Path.Value),
            exception.GetType().Name, LogText.Escape(exception.Message));
        await ProblemWriter.WriteAsync(httpContext, status, detail);
        return true;
    }

    private static (int Status, string Detail) Classify(Exception exception) => exception switch
    {
        BadHttpRequestException bad => (bad.StatusCode, bad.Message),
        OrleansException or TimeoutException or SiloUnavailableException =>
            (StatusCodes.Status503ServiceUnavailable, "The grain cluster is unavailable right now; retry shortly."),
        _ => (StatusCodes.Status500InternalServerError, "The server failed to handle the request."),
    };

    [LoggerMessage(Level = LogLevel.Error, Message = "Request {Method} {Path} failed with {ExceptionType}: {Message}")]
    private static partial void LogRequestFailed(ILogger logger, string? method, string? path, string exceptionType, string? message);
}
