namespace Realtime.Api.Tests.Infrastructure;

/// <summary>
/// The api in Production configuration with a platform OpenAI key, talking to a <see cref="StubUpstream"/>
/// whose answers the tests script (401, 429, 5xx, slow…). Upstream timeout is 1 s.
/// </summary>
public sealed class StubbedApiHost : ApiHost
{
    public const string PlatformKey = "sk-platform-TESTKEY-0123456789abcdefghijklmnopqrstuv";

    public StubUpstream Upstream { get; } = new();

    protected override string Environment => "Production";

    public override async Task InitializeAsync()
    {
        await Upstream.StartAsync();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Upstream.DisposeAsync();
    }

    protected override IEnumerable<KeyValuePair<string, string?>> Settings() => new Dictionary<string, string?>
    {
        ["OpenAI:ApiKey"] = PlatformKey,
        ["OpenAI:BaseUrl"] = Upstream.BaseAddress.ToString(),
        ["OpenAI:TimeoutSeconds"] = "1",
    };
}
