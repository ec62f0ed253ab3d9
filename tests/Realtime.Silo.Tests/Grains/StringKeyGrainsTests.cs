using Realtime.Shared.Grains;
using Realtime.Shared.Sessions;
using Realtime.Shared.Users;
using Realtime.Silo.Tests.Cluster;

namespace Realtime.Silo.Tests.Grains;

[Collection(ClusterCollection.Name)]
public sealed class StringKeyGrainsTests(ClusterFixture fixture)
{
    [Fact]
    public void References_and_ids_are_the_ones_the_grain_factory_makes()
    {
        var sessions = new StringKeyGrains<ISessionGrain>(fixture.Client);
        var users = new StringKeyGrains<IUserGrain>(fixture.Client);
        var userKey = TestKeys.User();

        Assert.Equal(fixture.Client.GetGrain<ISessionGrain>("ses_a").GetGrainId(), sessions.Get("ses_a").GetGrainId());
        Assert.Equal(fixture.Client.GetGrain<ISessionGrain>("ses_b").GetGrainId(), sessions.IdOf("ses_b"));
        Assert.Equal(fixture.Client.GetGrain<IUserGrain>(userKey), users.Get(userKey));
    }

    [Fact]
    public async Task A_reference_calls_its_grain()
    {
        var user = new StringKeyGrains<IUserGrain>(fixture.Client).Get(TestKeys.User());

        Assert.Equal(new UserUsage(0, 0, 0), await user.GetUsage());
    }
}
