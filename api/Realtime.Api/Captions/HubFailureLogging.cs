using Microsoft.AspNetCore.SignalR;

namespace Realtime.Api.Captions;

/// <summary>
/// Hub method failures, logged once and by kind. SignalR's dispatcher logs every exception a hub method throws as
/// an Error with its stack trace, refusals (<see cref="HubException"/>, whose message is for the client) included;
/// its line is silenced and this filter logs the unexpected ones as Errors. A refused Publish is an answer, not an
/// exception; the hub logs it as one Information line.
/// </summary>
public sealed partial class HubFailureLogging(ILogger<HubFailureLogging> logger) : IHubFilter
{
    /// <summary>The dispatcher's log category, whose "Failed to invoke hub method" Error this filter replaces.</summary>
    public const string DispatcherCategory = "Microsoft.AspNetCore.SignalR.Internal.DefaultHubDispatcher";

    public static void ReplaceDispatcherErrors(ILoggingBuilder logging) => logging.AddFilter(DispatcherCategory, LogLevel.None);

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        ArgumentNullException.ThrowIfNull(invocationContext);
        ArgumentNullException.ThrowIfNull(next);
        try
        {
            return await next(invocationContext);
        }
        catch (Exception e) when (e is not HubException and not OperationCanceledException)
        {
            LogHubMethodFailed(logger, e, invocationContext.HubMethodName);
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Hub method {Method} failed")]
    private static partial void LogHubMethodFailed(ILogger logger, Exception exception, string method);
}
