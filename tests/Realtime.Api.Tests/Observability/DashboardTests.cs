using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Realtime.Api.Tests.Infrastructure;

namespace Realtime.Api.Tests.Observability;

/// <summary>The Orleans Dashboard at /dashboard: only with the admin key (header or HTTP Basic), and without its grain-state inspector.</summary>
[Collection(ObservabilityCollection.Name)]
public sealed class DashboardTests(StubbedApiHost host)
{
    [Theory]
    [InlineData("/dashboard/")]
    [InlineData("/dashboard/ClusterStats")]
    public async Task Without_the_key_it_is_401_problem_json_with_a_basic_challenge(string path)
    {
        using var response = await host.Client.GetAsync(path);

        await HttpAssert.ProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Equal("Basic", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task A_wrong_key_is_401()
    {
        using var response = await SendAsync("/dashboard/", r => r.Headers.Add("X-Admin-Key", "not-the-key"));
        await HttpAssert.ProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task The_admin_key_header_opens_the_page_and_its_api()
    {
        using var page = await SendAsync("/dashboard/", r => r.Headers.Add("X-Admin-Key", ApiHost.AdminKey));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);

        using var stats = await SendAsync("/dashboard/DashboardCounters", r => r.Headers.Add("X-Admin-Key", ApiHost.AdminKey));
        var body = await stats.Content.ReadAsStringAsync();
        Assert.True(stats.StatusCode == HttpStatusCode.OK, body);
        Assert.Equal("application/json", stats.Content.Headers.ContentType?.MediaType);
        Assert.Contains("totalActiveHostCount", body, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_browser_gets_in_with_basic_authentication()
    {
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes("admin:" + ApiHost.AdminKey));
        using var page = await SendAsync("/dashboard/", r => r.Headers.Authorization = new AuthenticationHeaderValue("Basic", basic));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Fact]
    public async Task The_grain_state_inspector_is_refused_even_with_the_key()
    {
        // It would call ISessionGrain.End or ITenantGrain.GetPolicy just to display them.
        using var response = await SendAsync("/dashboard/GrainState?grainId=dev&grainType=Realtime.Silo.Tenants.TenantGrain",
            r => r.Headers.Add("X-Admin-Key", ApiHost.AdminKey));
        await HttpAssert.ProblemAsync(response, HttpStatusCode.Forbidden);
    }

    private async Task<HttpResponseMessage> SendAsync(string path, Action<HttpRequestMessage> configure)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        configure(request);
        return await host.Client.SendAsync(request);
    }
}
