namespace Realtime.Emulator.Errors;

/// <summary>
/// Catches what escapes an emulated endpoint and answers in OpenAI's shape. Without it, a host
/// with its own exception handler (the api writes problem+json) would answer in the wrong shape.
/// </summary>
internal sealed partial class OpenAIErrorFilter(ILogger<OpenAIErrorFilter> logger) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (BadHttpRequestException bad)
        {
            // Kestrel's own refusals while reading the body (too large, malformed framing).
            return bad.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? OpenAIError.BodyTooLarge(Http.JsonBody.MaxBytes).ToResult()
                : OpenAIError.UnparseableJson().ToResult();
        }
        catch (Exception exception) when (!context.HttpContext.RequestAborted.IsCancellationRequested)
        {
            // Type and message only: the request (and its key) is never logged.
            LogEndpointFailed(logger, context.HttpContext.Request.Path, exception.GetType().Name, exception.Message);
            return OpenAIError.ServerError().ToResult();
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Emulator endpoint {Path} failed with {ExceptionType}: {Message}")]
    private static partial void LogEndpointFailed(ILogger logger, PathString path, string exceptionType, string message);
}
