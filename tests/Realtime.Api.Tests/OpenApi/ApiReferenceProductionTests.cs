using System.Net;
using Realtime.Api.Tests.Infrastructure;

namespace Realtime.Api.Tests.OpenApi;

/// <summary>The interactive API reference is a developer's tool: Production does not serve it.</summary>
[Collection(StubbedCollection.Name)]
public sealed class ApiReferenceProductionTests(StubbedApiHost host)
{
    [Theory]
    [InlineData("/scalar")]
    [InlineData("/scalar/")]
    [InlineData("/scalar/v1")]
    [InlineData("/scalar/scalar.js")]
    public async Task Production_does_not_serve_the_api_reference(string path)
    {
        using var response = await host.Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("Scalar", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }
}
