using Realtime.Browser.Tests.Infrastructure;

namespace Realtime.Browser.Tests.Speaker;

/// <summary>
/// client/web's relay and speaker captions under Node's test runner with a scripted hub and clock: batching, resend
/// until acknowledged, refusals by code and the cap on what waits, in cases a browser test cannot stage exactly.
/// </summary>
public sealed class SpeakerModuleTests
{
    [Fact(Timeout = 90_000)]
    public async Task The_relay_publishes_every_event_once_in_order_across_failures_and_within_its_cap()
    {
        var run = await NodeRun.RunAsync(RepositoryPaths.ClientWeb, TimeSpan.FromSeconds(60), "--test", "test/event-relay.test.js", "test/speaker-captions.test.js");
        Assert.True(run.ExitCode == 0, $"node --test failed (exit {run.ExitCode}):{Environment.NewLine}{run.Output}{run.Error}");
        Assert.Contains("# fail 0", run.Output);
        Assert.Matches(@"# pass [1-9]\d+", run.Output);
    }
}
