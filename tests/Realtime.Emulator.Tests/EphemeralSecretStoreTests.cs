using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Realtime.Emulator.Secrets;

namespace Realtime.Emulator.Tests;

/// <summary>The store on its own: minting, lookups, and the pruning that keeps its memory bounded.</summary>
public sealed class EphemeralSecretStoreTests
{
    private readonly FakeTimeProvider time = new(EmulatorHost.Start);
    private readonly EphemeralSecretStore store;

    public EphemeralSecretStoreTests() => store = new EphemeralSecretStore(time);

    private DateTimeOffset Now => time.GetUtcNow();

    [Fact]
    public void Mint_returns_a_random_ek_secret_with_the_given_expiry()
    {
        var a = store.Mint(Session(), Now.AddMinutes(1));
        var b = store.Mint(Session(), Now.AddMinutes(1));

        Assert.Matches("^ek_[A-Za-z0-9]{32}$", a.Value);
        Assert.NotEqual(a.Value, b.Value);
        Assert.Equal(Now.AddMinutes(1), a.ExpiresAt);
        Assert.Equal(Now, a.CreatedAt);
    }

    [Fact]
    public void Stored_session_is_a_copy_the_caller_cannot_change()
    {
        var session = Session();
        var secret = store.Mint(session, Now.AddMinutes(1));

        session["model"] = "changed";

        Assert.True(store.TryGetValid(secret.Value, Now, out var found));
        Assert.Equal("gpt-realtime", (string?)found.Session["model"]);
    }

    [Fact]
    public void Long_expired_secrets_are_pruned_on_a_later_mint()
    {
        var old = store.Mint(Session(), Now.AddSeconds(10));
        time.Advance(TimeSpan.FromSeconds(10) + EphemeralSecretStore.RetainAfterExpiry + TimeSpan.FromMinutes(2));

        var fresh = store.Mint(Session(), Now.AddSeconds(10));

        Assert.Equal(1, store.Count);
        Assert.False(store.TryGetValid(old.Value, old.CreatedAt, out _), "pruned, so unknown even at a time it was valid");
        Assert.True(store.TryGetValid(fresh.Value, Now, out _));
    }

    [Fact]
    public void Recently_expired_secrets_are_kept_but_not_valid()
    {
        var old = store.Mint(Session(), Now.AddSeconds(10));
        time.Advance(TimeSpan.FromMinutes(2));

        store.Mint(Session(), Now.AddSeconds(10));

        Assert.Equal(2, store.Count);
        Assert.False(store.TryGetValid(old.Value, Now, out _));
    }

    [Fact]
    public void Store_never_grows_past_its_cap_and_drops_the_soonest_expiring_first()
    {
        var first = store.Mint(Session(), Now.AddSeconds(10));
        for (var i = 1; i <= EphemeralSecretStore.MaxEntries; i++)
        {
            store.Mint(Session(), Now.AddSeconds(20 + i % 1000));
        }

        Assert.True(store.Count <= EphemeralSecretStore.MaxEntries);
        Assert.False(store.TryGetValid(first.Value, Now, out _));
    }

    private static JsonObject Session() => new() { ["type"] = "realtime", ["model"] = "gpt-realtime" };
}
