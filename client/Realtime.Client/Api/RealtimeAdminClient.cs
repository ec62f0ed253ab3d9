using System.Net.Http.Json;
using System.Text.Json;

namespace Realtime.Client.Api;

/// <summary>
/// The operator's calls to <c>/admin/tenants/{tid}</c> with the admin key. Tenant definitions are passed and answered
/// as JSON as the api defines them (docs/design.md, Admin routes), so a new field needs no change here.
/// </summary>
public sealed class RealtimeAdminClient : IDisposable
{
    private const string AdminKeyHeader = "X-Admin-Key";

    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly Uri _baseAddress;
    private readonly string _adminKey;

    public RealtimeAdminClient(Uri baseAddress, string adminKey, HttpClient? http = null)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        ArgumentException.ThrowIfNullOrEmpty(adminKey);
        (_baseAddress, _adminKey, _ownsHttp) = (baseAddress, adminKey, http is null);
        _http = http ?? new HttpClient();
    }

    /// <summary>PUT: provisions or replaces the tenant; answers it with its secrets masked.</summary>
    public Task<JsonElement> PutTenantAsync(string tenantId, JsonElement definition, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Put, TenantRoute(tenantId), JsonContent.Create(definition), cancellationToken);

    public Task<JsonElement> GetTenantAsync(string tenantId, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, TenantRoute(tenantId), null, cancellationToken);

    /// <summary>DELETE: ends the tenant's live sessions and refuses its tokens from now on.</summary>
    public async Task DeleteTenantAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        using var response = await RequestAsync(HttpMethod.Delete, TenantRoute(tenantId), null, cancellationToken);
    }

    public Task<JsonElement> GetUsageAsync(string tenantId, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, TenantRoute(tenantId) + "/usage", null, cancellationToken);

    public void Dispose()
    {
        if (_ownsHttp) _http.Dispose();
    }

    private static string TenantRoute(string tenantId)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        return "admin/tenants/" + ApiAddress.Segment(tenantId);
    }

    private async Task<JsonElement> SendAsync(HttpMethod method, string route, HttpContent? content, CancellationToken cancellationToken)
    {
        using var response = await RequestAsync(method, route, content, cancellationToken);
        return await ApiJson.ReadAsync(response, cancellationToken);
    }

    private async Task<HttpResponseMessage> RequestAsync(HttpMethod method, string route, HttpContent? content, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, ApiAddress.Of(_baseAddress, route)) { Content = content };
        request.Headers.Add(AdminKeyHeader, _adminKey);
        return await ProblemReader.SendAsync(_http, request, cancellationToken);
    }
}
