using Realtime.Shared.Sessions;
using Realtime.Silo.Sessions;

namespace Realtime.Silo.Tests.Sessions;

/// <summary>The session lifecycle rules alone, without a grain.</summary>
public sealed class SessionRecordTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly SessionStart Start = new("acme", "alice", "gpt-realtime", "realtime", Now, Now.AddMinutes(5));

    private static SessionRecord Issued()
    {
        var record = new SessionRecord();
        Assert.True(record.Issue(Start));
        return record;
    }

    [Fact]
    public void A_new_record_has_no_snapshot()
    {
        Assert.Null(new SessionRecord().ToSnapshot("ses_1"));
        Assert.False(new SessionRecord().End(Now));
    }

    [Fact]
    public void An_issued_session_expires_exactly_at_its_secret_expiry()
    {
        var record = Issued();

        Assert.False(record.ExpireIfDue(Start.ExpiresAt.AddTicks(-1)));
        Assert.True(record.ExpireIfDue(Start.ExpiresAt.AddSeconds(30)));
        Assert.Equal((SessionState.Expired, Start.ExpiresAt), (record.State, record.EndedAt));
        Assert.False(record.ExpireIfDue(Start.ExpiresAt.AddHours(1)));
    }

    [Fact]
    public void Ending_records_when_and_is_final()
    {
        var record = Issued();

        Assert.True(record.End(Now.AddMinutes(1)));
        Assert.False(record.End(Now.AddMinutes(2)));
        Assert.False(record.ExpireIfDue(Now.AddHours(1)));
        Assert.Equal((SessionState.Ended, Now.AddMinutes(1)), (record.State, record.EndedAt));
    }

    [Fact]
    public void A_live_session_does_not_expire_with_its_secret()
    {
        var record = Issued();
        Assert.True(record.GoLive(Now.AddMinutes(1)));

        Assert.False(record.ExpireIfDue(Start.ExpiresAt.AddMinutes(1)));
        Assert.True(record.End(Now.AddMinutes(7)));
    }

    [Fact]
    public void Only_an_issued_session_goes_live_and_only_once()
    {
        var record = Issued();

        Assert.True(record.GoLive(Now.AddSeconds(5)));
        Assert.False(record.GoLive(Now.AddSeconds(9)));
        Assert.Equal((SessionState.Live, Now.AddSeconds(5)), (record.State, record.LastPublishAt));

        var ended = Issued();
        ended.End(Now);
        Assert.False(ended.GoLive(Now.AddSeconds(1)));
        Assert.False(new SessionRecord().GoLive(Now));
    }

    [Fact]
    public void A_live_session_ends_when_idle_for_the_timeout_at_the_moment_it_became_due()
    {
        var idle = TimeSpan.FromMinutes(10);
        var record = Issued();
        Assert.Null(record.IdleDueAt(idle)); // an issued session expires instead
        record.GoLive(Now);
        record.LastPublishAt = Now.AddMinutes(3);

        Assert.Equal(Now.AddMinutes(13), record.IdleDueAt(idle));
        Assert.False(record.EndIfIdle(Now.AddMinutes(13).AddTicks(-1), idle));
        Assert.True(record.EndIfIdle(Now.AddMinutes(20), idle));
        Assert.Equal((SessionState.Ended, Now.AddMinutes(13)), (record.State, record.EndedAt));
        Assert.False(record.EndIfIdle(Now.AddHours(1), idle));
        Assert.Null(record.IdleDueAt(idle));
    }

    [Fact]
    public void Issue_ignores_a_retry_with_a_later_issued_at_and_refuses_other_data()
    {
        var record = Issued();

        Assert.False(record.Issue(Start with { IssuedAt = Now.AddSeconds(2) }));
        Assert.Equal(Now, record.Start?.IssuedAt);
        Assert.Throws<InvalidOperationException>(() => record.Issue(Start with { ExpiresAt = Now.AddMinutes(9) }));
    }

    [Fact]
    public void The_snapshot_carries_the_start()
    {
        var snapshot = Issued().ToSnapshot("ses_1");

        Assert.Equal(new SessionSnapshot("ses_1", "acme", "alice", "gpt-realtime", "realtime", SessionState.Issued,
            Now, Start.ExpiresAt, null, 0, 0), snapshot);
    }
}
