using Realtime.Silo.Users;

namespace Realtime.Silo.Tests.Users;

public sealed class OpenSessionSetTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Adding_twice_and_removing_what_is_not_open_change_nothing()
    {
        var set = new OpenSessionSet();

        Assert.True(set.Add("ses_a", Now));
        Assert.False(set.Add("ses_a", Now.AddSeconds(5)));
        Assert.False(set.Remove("ses_b"));

        Assert.Equal(1, set.Count);
        Assert.Equal(Now, set.EarliestExpiry());
    }

    [Fact]
    public void The_log_round_trips_without_closed_entries()
    {
        var set = new OpenSessionSet();
        set.Add("ses_a", Now.AddSeconds(30));
        set.Add("ses_é", Now.AddSeconds(-5));
        set.Add("ses_c", Now.AddSeconds(10));
        set.Remove("ses_c");

        var read = OpenSessionSet.Decode(set.Encoded.ToArray());

        Assert.Equal(["ses_a", "ses_é"], read.Ids.Order(StringComparer.Ordinal));
        Assert.Equal(Now.AddSeconds(-5), read.EarliestExpiry());
        Assert.Equal(["ses_é"], read.ExpiredBy(Now));
    }

    [Fact]
    public void Closed_entries_are_dropped_from_the_log_once_they_are_the_larger_half()
    {
        var set = new OpenSessionSet();
        for (var i = 0; i < 1000; i++) set.Add($"ses_{i:D24}", Now.AddSeconds(i));
        var full = set.Encoded.Length;

        for (var i = 0; i < 990; i++) set.Remove($"ses_{i:D24}");

        Assert.True(set.Encoded.Length < full / 10, $"{set.Encoded.Length} bytes left of {full}");
        var read = OpenSessionSet.Decode(set.Encoded.Span);
        Assert.Equal(10, read.Count);
        Assert.Equal(Now.AddSeconds(990), read.EarliestExpiry());
        Assert.True(set.Remove("ses_" + 995.ToString("D24")));
    }

    [Fact]
    public void A_truncated_log_is_refused()
    {
        var set = new OpenSessionSet();
        set.Add("ses_a", Now);

        Assert.Throws<InvalidDataException>(() => OpenSessionSet.Decode(set.Encoded.Span[..^1]));
    }
}
