using Realtime.Shared.Tenants;
using Realtime.Silo.Tests.Cluster;

namespace Realtime.Silo.Tests.Tenants;

[Collection(ClusterCollection.Name)]
public sealed class TenantUsageGrainTests(ClusterFixture fixture)
{
    private ITenantUsageGrain NewUsage() => fixture.Client.GetGrain<ITenantUsageGrain>(TestKeys.Tenant());

    [Fact]
    public async Task A_report_answers_the_sum_of_the_other_nodes()
    {
        var usage = NewUsage();

        Assert.Equal(0, await usage.Report("node-a", 5));
        Assert.Equal(5, await usage.Report("node-b", 3));
        Assert.Equal(3, await usage.Report("node-a", 6)); // a node's new report replaces its old one
        Assert.Equal(9, await usage.Report("node-c", 0));

        Assert.Equal(9, await usage.GetGrantedLastMinute());
    }

    [Fact]
    public async Task A_node_that_stops_reporting_drops_out_after_seventy_seconds()
    {
        var usage = NewUsage();
        await usage.Report("node-a", 7);
        fixture.Clock.Advance(TimeSpan.FromSeconds(30));
        await usage.Report("node-b", 2);

        fixture.Clock.Advance(TimeSpan.FromSeconds(39)); // node-a reported 69 s ago: still counted
        Assert.Equal(9, await usage.GetGrantedLastMinute());

        fixture.Clock.Advance(TimeSpan.FromSeconds(1)); // 70 s: gone
        Assert.Equal(2, await usage.GetGrantedLastMinute());
        Assert.Equal(0, await usage.Report("node-b", 4));
    }
}
