using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Realtime.Shared.Tenants;
using Realtime.Silo.Hosting;
using Realtime.Silo.Tenants;
using Realtime.Silo.Tests.Cluster;

namespace Realtime.Silo.Tests.Tenants;

[Collection(ClusterCollection.Name)]
public sealed class TenantGrainTests(ClusterFixture fixture)
{
    private const string SigningSecret = "signing-secret-0123456789-abcdefghij";
    private const string OpenAIKey = "sk-tenant-own-key-9876543210";

    private static TenantDefinition Definition(string name = "Acme", string? openAIKey = OpenAIKey) => new(
        name, SigningSecret, openAIKey, new TenantLimits(5, 50, 2, 500), ["gpt-realtime"], Suspended: false);

    private (string Id, ITenantGrain Grain) NewTenant()
    {
        var id = TestKeys.Tenant();
        return (id, fixture.Client.GetGrain<ITenantGrain>(id));
    }

    [Fact]
    public async Task A_tenant_never_provisioned_has_no_policy()
    {
        Assert.Null(await NewTenant().Grain.GetPolicy());
    }

    [Fact]
    public async Task Put_then_get_round_trips_the_decrypted_policy()
    {
        var (id, tenant) = NewTenant();
        var definition = Definition();

        var put = await tenant.Put(definition);
        var got = await tenant.GetPolicy();

        Assert.NotNull(got);
        Assert.Equal(
            (id, "Acme", SigningSecret, OpenAIKey, definition.Limits, false, fixture.Clock.GetUtcNow()),
            (got.TenantId, got.Name, got.SigningSecret, got.OpenAIApiKey, got.Limits, got.Suspended, got.UpdatedAt));
        Assert.Equal(["gpt-realtime"], got.AllowedModels);
        Assert.Equal(put with { AllowedModels = got.AllowedModels }, got);
    }

    [Fact]
    public async Task Put_replaces_the_whole_definition()
    {
        var (_, tenant) = NewTenant();
        await tenant.Put(Definition());
        fixture.Clock.Advance(TimeSpan.FromSeconds(5));

        await tenant.Put(Definition("Acme 2", openAIKey: null) with { AllowedModels = [], Suspended = true });

        var policy = await tenant.GetPolicy();
        Assert.Equal(("Acme 2", null, true, fixture.Clock.GetUtcNow()), (policy?.Name, policy?.OpenAIApiKey, policy?.Suspended, policy?.UpdatedAt));
        Assert.Empty(policy!.AllowedModels);
    }

    [Fact]
    public async Task The_transcription_policy_is_stored_and_defaults_when_absent()
    {
        var (_, tenant) = NewTenant();
        Assert.Equal(TranscriptionPolicy.Default, (await tenant.Put(Definition())).InputTranscription);

        var own = new TranscriptionPolicy(Enabled: false, "whisper-1", "de");
        await tenant.Put(Definition() with { Transcription = own });

        Assert.Equal(own, (await tenant.GetPolicy())!.InputTranscription);
    }

    [Fact]
    public async Task Create_if_missing_creates_only_when_nothing_exists()
    {
        var (_, tenant) = NewTenant();

        Assert.True(await tenant.CreateIfMissing(Definition("first")));
        Assert.False(await tenant.CreateIfMissing(Definition("second")));

        Assert.Equal("first", (await tenant.GetPolicy())?.Name);
    }

    [Fact]
    public async Task A_short_signing_secret_is_refused()
    {
        var (_, tenant) = NewTenant();

        await Assert.ThrowsAsync<ArgumentException>(() => tenant.Put(Definition() with { SigningSecret = "too-short" }));
        Assert.Null(await tenant.GetPolicy());
    }

    [Fact]
    public async Task Secrets_are_encrypted_at_rest()
    {
        var (_, tenant) = NewTenant();
        await tenant.Put(Definition());

        var stored = await ReadStoredRecord(tenant);
        var dump = JsonSerializer.Serialize(stored);

        Assert.Equal("Acme", stored.Name);
        Assert.DoesNotContain(SigningSecret, dump, StringComparison.Ordinal);
        Assert.DoesNotContain(OpenAIKey, dump, StringComparison.Ordinal);
        // What is stored is Data Protection ciphertext under the tenant-secrets purpose.
        var protector = fixture.SiloServices.GetRequiredService<IDataProtectionProvider>().CreateProtector(TenantGrain.ProtectorPurpose);
        Assert.Equal(SigningSecret, protector.Unprotect(stored.ProtectedSigningSecret));
        Assert.Equal(OpenAIKey, protector.Unprotect(stored.ProtectedOpenAIApiKey!));
    }

    [Fact]
    public async Task The_policy_is_decrypted_again_after_a_reactivation()
    {
        var (_, tenant) = NewTenant();
        await tenant.Put(Definition());

        await fixture.Cluster.DeactivateAsync(tenant);

        var policy = await tenant.GetPolicy();
        Assert.Equal((SigningSecret, OpenAIKey), (policy?.SigningSecret, policy?.OpenAIApiKey));
    }

    private async Task<TenantRecord> ReadStoredRecord(ITenantGrain tenant)
    {
        var storage = fixture.SiloServices.GetRequiredKeyedService<IGrainStorage>(RealtimeStorage.Name);
        var state = new GrainState<TenantRecord>(new TenantRecord());
        await storage.ReadStateAsync("tenant", tenant.GetGrainId(), state);
        Assert.True(state.RecordExists);
        Assert.NotNull(state.State);
        return state.State;
    }
}
