using Realtime.Api.Hosting;
using Realtime.Silo.Hosting;

try
{
    var app = RealtimeApi.Build(args);
    await app.RunAsync();
    return 0;
}
catch (Exception e) when (StartupRefusedException.Find(e) is { } refused)
{
    // The sentence says what is wrong and how to fix it; a stack trace would add nothing.
    await Console.Error.WriteLineAsync(refused.Message);
    return StartupRefusedException.ExitCode;
}
