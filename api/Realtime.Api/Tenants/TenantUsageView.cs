namespace Realtime.Api.Tenants;

/// <summary>The answer of GET /admin/tenants/{tid}/usage (serialized snake_case): grants in the last minute against the tenant's limit.</summary>
public sealed record TenantUsageView(string TenantId, int GrantedLastMinute, int TenantPerMinute);
