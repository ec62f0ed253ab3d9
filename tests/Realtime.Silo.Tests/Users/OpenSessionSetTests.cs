using Realtime.Silo.Users;

namespace Realtime.Silo.Tests.Users;

public sealed class OpenSessionSetTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Adding_a_live_session_twice_and_removing_what_is_not_open_change_nothing()
    {
        var set = new OpenSessionSet();

        Assert.True(set.AddLive("ses_a", Now));
        Assert.False(set.AddLive("ses_a", Now.AddSeconds(5)));
        Assert.False(set.RemoveLive("ses_b"));
        Assert.False(set.RemoveIssued(Now));

        Assert.Equal(1, set.Count);
        Assert.Equal(Now, set.EarliestExpiry());
    }

    [Fact]
    public void Issued_sessions_count_until_the_whole_second_their_secret_expired()
    {
        var set = new OpenSessionSet();
        set.AddIssued(Now.AddSeconds(10));
        set.AddIssued(Now.AddSeconds(10.2));
        set.AddIssued(Now.AddSeconds(30));
        Assert.Equal((3, 3), (set.Count, set.IssuedCount));

        Assert.Equal(1, set.DropExpiredIssued(Now.AddSeconds(10)));
        // 10.2 s counts until 11 s, on the safe side.
        Assert.Equal(0, set.DropExpiredIssued(Now.AddSeconds(10.9)));
        Assert.Equal(1, set.DropExpiredIssued(Now.AddSeconds(11)));

        Assert.Equal(1, set.Count);
        Assert.Equal(Now.AddSeconds(30), set.EarliestExpiry());
        Assert.Empty(set.Overdue(Now.AddHours(1))); // issued ones are closed by the clock, never asked
    }

    [Fact]
    public void An_issued_session_leaves_its_count_once_when_it_goes_live_or_closes_early()
    {
        var set = new OpenSessionSet();
        set.AddIssued(Now.AddSeconds(60));
        set.AddIssued(Now.AddSeconds(60));

        Assert.True(set.RemoveIssued(Now.AddSeconds(60)));
        Assert.True(set.AddLive("ses_live", Now.AddSeconds(60)));
        Assert.True(set.RemoveIssued(Now.AddSeconds(60)));
        Assert.False(set.RemoveIssued(Now.AddSeconds(60)));

        Assert.Equal((1, 0), (set.Count, set.IssuedCount));
        Assert.True(set.IsLive("ses_live"));
    }

    [Fact]
    public void It_changes_the_records_collections_in_place()
    {
        var record = new UserRecord();
        var set = new OpenSessionSet(record.Issued, record.Live);

        set.AddIssued(Now.AddSeconds(90));
        set.AddIssued(Now.AddSeconds(90.5));
        set.AddLive("ses_a", Now.AddSeconds(-5));

        Assert.Equal(new Dictionary<long, int> { [Now.AddSeconds(90).ToUnixTimeSeconds()] = 1, [Now.AddSeconds(91).ToUnixTimeSeconds()] = 1 }, record.Issued);
        Assert.Equal(Now.AddSeconds(-5), Assert.Single(record.Live).Value);
        Assert.Equal(["ses_a"], set.Overdue(Now));
    }
}
