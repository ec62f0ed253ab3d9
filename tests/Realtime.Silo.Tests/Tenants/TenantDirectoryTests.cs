using Realtime.Shared.Tenants;
using Realtime.Silo.Tests.Cluster;

namespace Realtime.Silo.Tests.Tenants;

/// <summary>The tenant grain keeps the directory current: provisioned tenants are listed with their origins, deleted ones are not.</summary>
[Collection(ClusterCollection.Name)]
public sealed class TenantDirectoryTests(ClusterFixture fixture)
{
    private static TenantDefinition Definition(params string[] origins) => new(
        "Acme", "signing-secret-0123456789-abcdefghij", null, TenantLimits.Default, [], Suspended: false, AllowedOrigins: origins);

    private ITenantDirectoryGrain Directory => fixture.Client.GetGrain<ITenantDirectoryGrain>(ITenantDirectoryGrain.Key);

    [Fact]
    public async Task Put_lists_the_tenant_with_its_origins_and_delete_unlists_it()
    {
        var id = TestKeys.Tenant();
        var tenant = fixture.Client.GetGrain<ITenantGrain>(id);

        await tenant.Put(Definition("https://app.example.com"));
        var listed = (await Directory.GetIfNewer(-1))!;
        Assert.Equal(["https://app.example.com"], listed.OriginsByTenant[id]);
        Assert.Equal(["https://app.example.com"], (await tenant.GetPolicy())!.Origins);
        Assert.Null(await Directory.GetIfNewer(listed.Version));

        Assert.True(await tenant.Delete());

        Assert.Null(await tenant.GetPolicy());
        var after = (await Directory.GetIfNewer(listed.Version))!;
        Assert.False(after.Contains(id));
        Assert.True(after.Version > listed.Version);
        Assert.False(await tenant.Delete());
    }

    [Theory]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("                                    ")]
    [InlineData("short")]
    public async Task A_weak_signing_secret_is_refused_by_the_grain_too(string secret)
    {
        var tenant = fixture.Client.GetGrain<ITenantGrain>(TestKeys.Tenant());

        await Assert.ThrowsAsync<ArgumentException>(() => tenant.Put(Definition() with { SigningSecret = secret }));
        Assert.Null(await tenant.GetPolicy());
    }
}
