namespace Realtime.Silo.Hosting;

/// <summary>
/// A problem of the environment or configuration that stops a process before it starts (a port or the SQLite file
/// already taken by another instance, a development node asked to listen on the network). Its message names the
/// port or file and how to fix it; hosts print just that and exit non-zero, since a stack trace would say nothing more.
/// </summary>
public sealed class StartupRefusedException(string message) : Exception(message)
{
    /// <summary>The process exit code a host returns for a refused start.</summary>
    public const int ExitCode = 2;

    /// <summary>The refusal in <paramref name="exception"/> or its inner exceptions, if any.</summary>
    public static StartupRefusedException? Find(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is StartupRefusedException refused) return refused;
            if (e is AggregateException aggregate && aggregate.InnerExceptions.Select(Find).FirstOrDefault(f => f is not null) is { } inner)
                return inner;
        }

        return null;
    }
}
