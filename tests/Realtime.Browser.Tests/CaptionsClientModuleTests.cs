using Realtime.Browser.Tests.Infrastructure;

namespace Realtime.Browser.Tests;

/// <summary>
/// client/web/captions-client.js under Node's test runner with a scripted SignalR connection: the ordering rules
/// (held captions, dedupe by seq, resume after reconnects and closes) in cases a browser test cannot stage exactly.
/// </summary>
public sealed class CaptionsClientModuleTests
{
    [Fact(Timeout = 90_000)]
    public async Task The_captions_client_applies_every_update_once_in_seq_order_across_reconnects()
    {
        var run = await NodeRun.RunAsync(RepositoryPaths.ClientWeb, TimeSpan.FromSeconds(60), "--test", "test/captions-client.test.js");
        Assert.True(run.ExitCode == 0, $"node --test failed (exit {run.ExitCode}):{Environment.NewLine}{run.Output}{run.Error}");
        Assert.Contains("# fail 0", run.Output);
    }
}
