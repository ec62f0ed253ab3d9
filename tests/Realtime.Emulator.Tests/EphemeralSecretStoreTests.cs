using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Realtime.Emulator.Secrets;

namespace Realtime.Emulator.Tests;

/// <summary>The store on its own: minting, lookups, and the pruning that keeps its memory bounded.</summary>
public sealed class EphemeralSecretStoreTests
{
    private readonly FakeTimeProvider _time = new(EmulatorHost.Start);
    private readonly EphemeralSecretStore _store;

    public EphemeralSecretStoreTests() => _store = new EphemeralSecretStore(_time);

    private DateTimeOffset Now => _time.GetUtcNow();

    [Fact]
    public void Mint_returns_a_random_ek_secret_with_the_given_expiry()
    {
        var a = _store.Mint(Session(), Now.AddMinutes(1));
        var b = _store.Mint(Session(), Now.AddMinutes(1));

        Assert.Matches("^ek_[A-Za-z0-9]{32}$", a.Value);
        Assert.NotEqual(a.Value, b.Value);
        Assert.Equal(Now.AddMinutes(1), a.ExpiresAt);
        Assert.Equal(Now, a.CreatedAt);
    }

    [Fact]
    public void Stored_session_is_a_copy_the_caller_cannot_change()
    {
        var session = Session();
        var secret = _store.Mint(session, Now.AddMinutes(1));

        session["model"] = "changed";

        Assert.True(_store.TryGetValid(secret.Value, Now, out var found));
        Assert.Equal("gpt-realtime", (string?)found.Session["model"]);
    }

    [Fact]
    public void Long_expired_secrets_are_pruned_on_a_later_mint()
    {
        var old = _store.Mint(Session(), Now.AddSeconds(10));
        _time.Advance(TimeSpan.FromSeconds(10) + EphemeralSecretStore.RetainAfterExpiry + TimeSpan.FromMinutes(2));

        var fresh = _store.Mint(Session(), Now.AddSeconds(10));

        Assert.Equal(1, _store.Count);
        Assert.False(_store.TryGetValid(old.Value, old.CreatedAt, out _), "pruned, so unknown even at a time it was valid");
        Assert.True(_store.TryGetValid(fresh.Value, Now, out _));
    }

    [Fact]
    public void Recently_expired_secrets_are_kept_but_not_valid()
    {
        var old = _store.Mint(Session(), Now.AddSeconds(10));
        _time.Advance(TimeSpan.FromMinutes(2));

        _store.Mint(Session(), Now.AddSeconds(10));

        Assert.Equal(2, _store.Count);
        Assert.False(_store.TryGetValid(old.Value, Now, out _));
    }

    [Fact]
    public void Store_never_grows_past_its_cap_and_drops_the_soonest_expiring_first()
    {
        var first = _store.Mint(Session(), Now.AddSeconds(10));
        for (var i = 1; i <= EphemeralSecretStore.MaxEntries; i++)
        {
            _store.Mint(Session(), Now.AddSeconds(20 + i % 1000));
        }

        Assert.True(_store.Count <= EphemeralSecretStore.MaxEntries);
        Assert.False(_store.TryGetValid(first.Value, Now, out _));
    }

    private static JsonObject Session() => new() { ["type"] = "realtime", ["model"] = "gpt-realtime" };
}
