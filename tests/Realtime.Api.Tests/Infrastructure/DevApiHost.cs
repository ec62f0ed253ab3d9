namespace Realtime.Api.Tests.Infrastructure;

/// <summary>The api as `dotnet run` starts it: Development, no OpenAI key, the emulator mounted on itself.</summary>
public sealed class DevApiHost : ApiHost
{
    protected override string Environment => "Development";

    protected override IEnumerable<KeyValuePair<string, string?>> Settings() => [];
}
