using Realtime.Api.Http;
using Realtime.Api.Problems;
using Realtime.Api.Tokens;
using Realtime.Shared.Logging;
using Realtime.Shared.Tenants;

namespace Realtime.Api.Tenants;

/// <summary>PUT/GET/DELETE /admin/tenants/{tid} and GET /admin/tenants/{tid}/usage, behind the admin key.</summary>
public static partial class AdminEndpoints
{
    public static IEndpointRouteBuilder MapAdminEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var admin = endpoints.MapGroup("/admin/tenants/{tid}").AddEndpointFilter<AdminKeyFilter>();
        // Every admin route answers 401/403 from AdminKeyFilter and 503 when the cluster is unreachable.
        admin.MapPut("", PutAsync).WithSummary("Provisions or replaces a tenant.")
            .ProducesProblems(400, 401, 403, 413, 415, 503);
        admin.MapGet("", GetAsync).WithSummary("Reads a tenant, secrets masked.")
            .ProducesProblems(400, 401, 403, 404, 503);
        admin.MapDelete("", DeleteAsync).WithSummary("Deletes a tenant: its live sessions end, its record and usage go, its tokens stop working.")
            .ProducesProblems(400, 401, 403, 404, 503);
        admin.MapGet("/usage", UsageAsync).WithSummary("The tenant's recent secret grants.")
            .ProducesProblems(400, 401, 403, 404, 503);
        return endpoints;
    }

    private static async Task<Results<Ok<TenantView>, ProblemHttpResult>> PutAsync(string tid, HttpContext http, IGrainFactory grains, TenantPolicyCache cache, ILoggerFactory logs)
    {
        if (!TenantId.IsValid(tid)) return InvalidTenantId();
        var (body, bodyError) = await JsonBody.ReadAsync(http.Request, http.RequestAborted);
        if (bodyError is not null) return bodyError;
        var (definition, refusal) = TenantDefinitionReader.Read(body);
        if (refusal is not null) return refusal.ToProblem();
        var policy = await grains.GetGrain<ITenantGrain>(tid).Put(definition!);
        cache.Put(policy);
        LogProvisioned(logs.CreateLogger(typeof(AdminEndpoints)), LogText.Escape(tid), LogText.Escape(definition!.ToString()));
        return TypedResults.Ok(TenantView.From(policy));
    }

    private static async Task<Results<Ok<TenantView>, ProblemHttpResult>> GetAsync(string tid, IGrainFactory grains)
    {
        if (!TenantId.IsValid(tid)) return InvalidTenantId();
        var policy = await grains.GetGrain<ITenantGrain>(tid).GetPolicy();
        if (policy is null) return Problem.NotFound($"Tenant '{tid}' does not exist.");
        return TypedResults.Ok(TenantView.From(policy));
    }

    /// <summary>
    /// The tenant's tokens stop working on this node at once, and on the others as soon as the tenant directory tells
    /// them (at the latest once their cached policy expires); its live sessions end, so viewers see them ended.
    /// </summary>
    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(string tid, IGrainFactory grains, TenantPolicyCache cache, ILoggerFactory logs)
    {
        if (!TenantId.IsValid(tid)) return InvalidTenantId();
        if (!await grains.GetGrain<ITenantGrain>(tid).Delete()) return Problem.NotFound($"Tenant '{tid}' does not exist.");
        cache.Remove(tid);
        LogDeleted(logs.CreateLogger(typeof(AdminEndpoints)), tid);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<TenantUsageView>, ProblemHttpResult>> UsageAsync(string tid, IGrainFactory grains, TenantRateGate gate)
    {
        if (!TenantId.IsValid(tid)) return InvalidTenantId();
        var policy = await grains.GetGrain<ITenantGrain>(tid).GetPolicy();
        if (policy is null) return Problem.NotFound($"Tenant '{tid}' does not exist.");
        var reported = await grains.GetGrain<ITenantUsageGrain>(tid).GetGrantedLastMinute();
        return TypedResults.Ok(new TenantUsageView(tid, Math.Max(reported, gate.Estimate(tid)), policy.Limits.TenantPerMinute));
    }

    private static ProblemHttpResult InvalidTenantId() =>
        Problem.BadRequest("A tenant id is 1–64 characters of a–z, 0–9, '-' and '_', starting with a letter or digit.", "tid");

    [LoggerMessage(Level = LogLevel.Information, Message = "Tenant {Tenant} provisioned: {Definition}")]
    private static partial void LogProvisioned(ILogger logger, string? tenant, string? definition);

    [LoggerMessage(Level = LogLevel.Information, Message = "Tenant {Tenant} deleted")]
    private static partial void LogDeleted(ILogger logger, string tenant);
}
