using Realtime.WebRtc.Sctp;

namespace Realtime.WebRtc.Tests.Sctp;

public sealed class RetransmissionTimerTests
{
    private static TimeSpan Seconds(double s) => TimeSpan.FromSeconds(s);

    [Fact]
    public void Each_expiry_doubles_the_timeout_up_to_the_cap()
    {
        var timer = new RetransmissionTimer(maxTimeout: Seconds(5), maxRetransmissions: 10);
        timer.Start(Seconds(0), Seconds(1));
        var deadlines = new List<TimeSpan> { timer.Deadline!.Value };

        for (int i = 0; i < 4; i++)
        {
            Assert.True(timer.Rearm(deadlines[^1]));
            deadlines.Add(timer.Deadline!.Value);
        }

        Assert.Equal([Seconds(1), Seconds(3), Seconds(7), Seconds(12), Seconds(17)], deadlines);
    }

    [Fact]
    public void It_gives_up_and_stops_once_the_retransmission_budget_is_spent()
    {
        var timer = new RetransmissionTimer(Seconds(60), maxRetransmissions: 2);
        timer.Start(Seconds(0), Seconds(1));

        Assert.True(timer.Rearm(Seconds(1)));
        Assert.True(timer.Rearm(Seconds(3)));
        Assert.False(timer.Rearm(Seconds(7)));
        Assert.Null(timer.Deadline);
    }

    [Fact]
    public void Start_resets_the_timeout_and_the_budget_and_stop_clears_the_deadline()
    {
        var timer = new RetransmissionTimer(Seconds(60), maxRetransmissions: 1);
        timer.Start(Seconds(0), Seconds(1));
        Assert.True(timer.Rearm(Seconds(1)));

        timer.Start(Seconds(10), Seconds(2));
        Assert.Equal(Seconds(12), timer.Deadline);
        Assert.True(timer.Rearm(Seconds(12)));
        Assert.Equal(Seconds(16), timer.Deadline);

        timer.Stop();
        Assert.Null(timer.Deadline);
    }
}
