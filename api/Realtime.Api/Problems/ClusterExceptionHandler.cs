using Microsoft.AspNetCore.Diagnostics;
using Realtime.Shared.Logging;

namespace Realtime.Api.Problems;

/// <summary>
/// The last line of defence: an exception that escaped an endpoint becomes problem+json, never a bare 500.
/// Orleans failures (cluster unreachable, grain call timed out) are the operator's transient trouble: 503.
/// </summary>
public sealed class ClusterExceptionHandler(ILogger<ClusterExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (context.Response.HasStarted) return false;
        var (status, detail) = Classify(exception);
        // Only the exception type and message: request bodies (which may hold keys) are never logged.
        logger.LogError("Request {Method} {Path} failed with {ExceptionType}: {Message}",
            LogText.Escape(context.Request.Method), LogText.Escape(context.Request.Path.Value), exception.GetType().Name, LogText.Escape(exception.Message));
        await ProblemWriter.WriteAsync(context, status, detail);
        return true;
    }

    private static (int Status, string Detail) Classify(Exception exception) => exception switch
    {
        BadHttpRequestException bad => (bad.StatusCode, bad.Message),
        OrleansException or TimeoutException or SiloUnavailableException =>
            (StatusCodes.Status503ServiceUnavailable, "The grain cluster is unavailable right now; retry shortly."),
        _ => (StatusCodes.Status500InternalServerError, "The server failed to handle the request."),
    };
}
