namespace Realtime.Api.Tests.Infrastructure;

/// <summary>The api with a platform key and an upstream address where nothing listens.</summary>
public sealed class UnreachableApiHost : ApiHost
{
    protected override string Environment => "Production";

    protected override IEnumerable<KeyValuePair<string, string?>> Settings() => new Dictionary<string, string?>
    {
        ["OpenAI:ApiKey"] = StubbedApiHost.PlatformKey,
        ["OpenAI:BaseUrl"] = $"http://127.0.0.1:{FreePort.Next()}",
        ["OpenAI:TimeoutSeconds"] = "2",
    };
}
