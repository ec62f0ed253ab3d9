namespace Realtime.Api.Tokens;

/// <summary>A unit taken from a tenant's per-minute cap, to give back if the request fails.</summary>
public readonly record struct TenantGrant(string TenantId, long Second);
