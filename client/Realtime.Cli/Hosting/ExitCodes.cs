namespace Realtime.Cli.Hosting;

/// <summary>What the process exit code tells a script: done, failed, used wrongly, or interrupted.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The api refused, could not be reached, or a file could not be read or written.</summary>
    public const int Failed = 1;

    /// <summary>The command line itself is wrong (unknown option, bad value, missing setting): fixing it is the caller's job.</summary>
    public const int Usage = 2;

    /// <summary>Ctrl+C or SIGTERM, as shells report a process ended by SIGINT.</summary>
    public const int Interrupted = 130;
}
