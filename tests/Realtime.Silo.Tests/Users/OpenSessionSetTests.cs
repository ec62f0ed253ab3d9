using System.Globalization;
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
    public void The_log_and_the_issued_runs_round_trip_without_closed_entries()
    {
        var set = new OpenSessionSet();
        set.AddLive("ses_a", Now.AddSeconds(30));
        set.AddLive("ses_é", Now.AddSeconds(-5));
        set.AddLive("ses_c", Now.AddSeconds(10));
        set.RemoveLive("ses_c");
        set.AddIssued(Now.AddSeconds(90));
        set.AddIssued(Now.AddSeconds(90));

        var read = OpenSessionSet.Decode(set.Encoded.ToArray(), [.. set.IssuedRuns]);

        Assert.Equal(["ses_a", "ses_é"], read.LiveIds.Order(StringComparer.Ordinal));
        Assert.Equal((4, 2), (read.Count, read.IssuedCount));
        Assert.Equal(Now.AddSeconds(-5), read.EarliestExpiry());
        Assert.Equal(["ses_é"], read.Overdue(Now));
    }

    [Fact]
    public void The_issued_runs_stay_one_per_second_however_many_secrets_are_issued()
    {
        var set = new OpenSessionSet();
        for (var i = 0; i < 10_000; i++) set.AddIssued(Now.AddSeconds(600 + i / 1000));

        Assert.Equal(10_000, set.IssuedCount);
        Assert.Equal(10, set.IssuedRuns.Count);
        Assert.Empty(set.Encoded.ToArray());
    }

    [Fact]
    public void Closed_entries_are_dropped_from_the_log_once_they_are_the_larger_half()
    {
        var set = new OpenSessionSet();
        for (var i = 0; i < 1000; i++) set.AddLive($"ses_{i:D24}", Now.AddSeconds(i));
        var full = set.Encoded.Length;

        for (var i = 0; i < 990; i++) set.RemoveLive($"ses_{i:D24}");

        Assert.True(set.Encoded.Length < full / 10, $"{set.Encoded.Length} bytes left of {full}");
        var read = OpenSessionSet.Decode(set.Encoded.Span);
        Assert.Equal(10, read.Count);
        Assert.Equal(Now.AddSeconds(990), read.EarliestExpiry());
        Assert.True(set.RemoveLive("ses_" + 995.ToString("D24", CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void A_truncated_log_is_refused()
    {
        var set = new OpenSessionSet();
        set.AddLive("ses_a", Now);

        Assert.Throws<InvalidDataException>(() => OpenSessionSet.Decode(set.Encoded.Span[..^1]));
    }
}
