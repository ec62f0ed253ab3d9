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
        record.State = SessionState.Live; // set by the captions feature once it lands

        Assert.False(record.ExpireIfDue(Start.ExpiresAt.AddMinutes(1)));
        Assert.True(record.End(Now.AddMinutes(7)));
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
