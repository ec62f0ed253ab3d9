using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Logging;
using Realtime.Shared.Logging;
using Realtime.Shared.Tenants;
using Realtime.Silo.Storage;

namespace Realtime.Silo.Tenants;

/// <summary>
/// A tenant's definition (key: tenant id). Secrets are encrypted before they reach storage and decrypted only
/// to answer <see cref="GetPolicy"/>, which stays inside the cluster. Nothing here logs a secret.
/// </summary>
public sealed partial class TenantGrain(
    DirectStates states,
    IDataProtectionProvider dataProtection,
    TimeProvider time,
    ILogger<TenantGrain> logger) : Grain, ITenantGrain
{
    private DirectPersistentState<TenantRecord> _state = null!;

    public override async Task OnActivateAsync(CancellationToken cancellationToken) =>
        _state = await states.ReadAsync<TenantRecord>("tenant", this.GetGrainId());

    /// <summary>The Data Protection purpose of tenant secrets; changing it makes stored secrets unreadable.</summary>
    public const string ProtectorPurpose = "Realtime.Tenants.Secrets";

    /// <summary>HS256 keys shorter than this are refused (docs/design.md §Tenants).</summary>
    public const int MinSigningSecretLength = SigningSecretRules.MinLength;

    private readonly IDataProtector _protector = dataProtection.CreateProtector(ProtectorPurpose);

    // Decrypting costs a little, and the api asks often: keep the clear policy while the grain is active.
    private TenantPolicy? _policy;

    private string TenantId => this.GetPrimaryKeyString();

    public Task<TenantPolicy?> GetPolicy() =>
        Task.FromResult(_state.RecordExists ? _policy ??= Decrypt(_state.State) : null);

    public async Task<TenantPolicy> Put(TenantDefinition definition)
    {
        Validate(definition);
        // The directory first: a listed tenant without a record costs one grain call, a record nobody lists
        // would refuse every token of the tenant.
        await Directory.Register(TenantId, definition.AllowedOrigins ?? []);
        if (!_state.RecordExists) await Sessions.Reopen(); // a tenant deleted before may have its sessions again
        _state.State = Encrypt(definition);
        await _state.WriteStateAsync();
        _policy = null;
        // Only named fields: the definition object carries secrets, whatever its ToString does.
        LogProvisioned(logger, LogText.Escape(TenantId), LogText.Escape(definition.Name), definition.Suspended);
        return (await GetPolicy())!;
    }

    public async Task<bool> CreateIfMissing(TenantDefinition definition)
    {
        if (_state.RecordExists) return false;
        await Put(definition);
        return true;
    }

    public async Task<bool> Delete()
    {
        if (!_state.RecordExists) return false;
        await _state.ClearStateAsync();
        _policy = null;
        await Directory.Remove(TenantId);
        // Here rather than by the caller: a provision of the same id waits until its old sessions are ended.
        var ended = await Sessions.EndAll();
        await GrainFactory.GetGrain<ITenantUsageGrain>(TenantId).Forget();
        LogDeleted(logger, TenantId, ended);
        return true;
    }

    private ITenantDirectoryGrain Directory => GrainFactory.GetGrain<ITenantDirectoryGrain>(ITenantDirectoryGrain.Key);

    private ITenantSessionsGrain Sessions => GrainFactory.GetGrain<ITenantSessionsGrain>(TenantId);

    private static void Validate(TenantDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(definition.Limits);
        if (!SigningSecretRules.IsAcceptable(definition.SigningSecret))
        {
            throw new ArgumentException(
                $"A tenant's signing secret must be at least {MinSigningSecretLength} characters, not all whitespace or one repeated character.",
                nameof(definition));
        }
    }

    private TenantRecord Encrypt(TenantDefinition definition) => new()
    {
        Name = definition.Name,
        ProtectedSigningSecret = _protector.Protect(definition.SigningSecret),
        ProtectedOpenAIApiKey = definition.OpenAIApiKey is { Length: > 0 } key ? _protector.Protect(key) : null,
        Limits = definition.Limits,
        AllowedModels = [.. definition.AllowedModels ?? []],
        Suspended = definition.Suspended,
        UpdatedAt = time.GetUtcNow(),
        AllowedOrigins = [.. definition.AllowedOrigins ?? []],
        Issuer = definition.Issuer,
        Audience = definition.Audience,
        Transcription = definition.Transcription,
    };

    private TenantPolicy Decrypt(TenantRecord record)
    {
        try
        {
            return new TenantPolicy(
                TenantId,
                record.Name,
                _protector.Unprotect(record.ProtectedSigningSecret),
                record.ProtectedOpenAIApiKey is { } key ? _protector.Unprotect(key) : null,
                record.Limits,
                record.AllowedModels.ToArray(),
                record.Suspended,
                record.UpdatedAt,
                record.AllowedOrigins.ToArray(),
                record.Issuer,
                record.Audience,
                record.Transcription);
        }
        catch (CryptographicException ex)
        {
            // Almost always a key ring that is not shared between silos, or was lost on a restart.
            LogUndecryptable(logger, ex, LogText.Escape(TenantId));
            throw new InvalidOperationException(
                $"Tenant '{TenantId}' secrets cannot be decrypted: the Data Protection key ring differs from the one that wrote them.");
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Tenant {TenantId}: stored secrets cannot be decrypted")]
    private static partial void LogUndecryptable(ILogger logger, Exception exception, string? tenantId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Tenant {TenantId} provisioned (name {Name}, suspended {Suspended})")]
    private static partial void LogProvisioned(ILogger logger, string? tenantId, string? name, bool suspended);

    [LoggerMessage(Level = LogLevel.Information, Message = "Tenant {TenantId} deleted; {Count} live sessions ended")]
    private static partial void LogDeleted(ILogger logger, string tenantId, int count);
}
