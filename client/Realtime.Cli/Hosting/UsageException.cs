namespace Realtime.Cli.Hosting;

/// <summary>A usage error found after parsing (a missing setting, a file that is not a tenant): exit code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
