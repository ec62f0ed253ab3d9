using System.Buffers;
using System.Buffers.Text;
using System.Text.Json;
using Realtime.Api.Tenants;

namespace Realtime.Api.Auth;

/// <summary>
/// The one reader of a user JWT's identity claims: <c>tid</c>, <c>sub</c> and the optional <c>watch</c>, by their
/// exact names, each at most once and a string, and a numeric <c>exp</c>. Anything else that could make two readers
/// disagree (another case such as <c>TID</c>, a duplicate, an array) refuses the token, so the tenant whose key is
/// chosen from this <c>tid</c> is the only tenant the request can act for. Reads the payload segment once, from a
/// stack or pooled buffer; the signature is checked afterwards by the handler, over these same bytes.
/// </summary>
public readonly record struct IdentityClaims(string? TenantId, string? UserId, string? Watch, string? Refusal)
{
    /// <summary>Payloads larger than this are refused without reading them.</summary>
    public const int MaxPayloadBytes = 64 * 1024;

    private const int StackLimit = 1024;

    public bool IsValid => Refusal is null;

    /// <summary>The identity claims of a compact JWT, or the reason it is refused (never both).</summary>
    public static IdentityClaims Read(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        var first = token.IndexOf('.');
        var second = first < 0 ? -1 : token.IndexOf('.', first + 1);
        if (second < 0) return Refused(Malformed);
        var payload = token.AsSpan(first + 1, second - first - 1);
        var size = Base64Url.GetMaxDecodedLength(payload.Length);
        if (size == 0 || size > MaxPayloadBytes) return Refused(Malformed);

        byte[]? rented = null;
        var buffer = size <= StackLimit ? stackalloc byte[StackLimit] : (rented = ArrayPool<byte>.Shared.Rent(size));
        try
        {
            if (Base64Url.DecodeFromChars(payload, buffer, out _, out var written) != OperationStatus.Done) return Refused(Malformed);
            return Check(Scan(buffer[..written]));
        }
        catch (JsonException)
        {
            return Refused(Malformed);
        }
        finally
        {
            if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private const string Malformed = "The bearer token is not a well-formed JWT.";

    private static IdentityClaims Refused(string reason) => new(null, null, null, reason);

    private static IdentityClaims Check(IdentityClaims read)
    {
        if (!read.IsValid) return read;
        if (read.TenantId is null) return Refused("The token has no tid claim.");
        if (!Tenants.TenantId.IsValid(read.TenantId)) return Refused("The token's tid claim is not a valid tenant id.");
        if (string.IsNullOrWhiteSpace(read.UserId)) return Refused("The token has no sub claim.");
        return read;
    }

    // Top-level properties only; nested values are skipped whole.
    private static IdentityClaims Scan(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 64 });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return Refused(Malformed);
        string? tenantId = null, userId = null, watch = null;
        var seenExp = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var claim = Identify(ref reader, out var variant);
            if (!reader.Read()) return Refused(Malformed);
            switch (claim)
            {
                case Claim.Other:
                    reader.Skip();
                    continue;
                case Claim.Variant:
                    return Refused($"The token has a claim named '{variant}'; identity claims must be named exactly tid, sub and watch.");
                case Claim.Expiry:
                    if (seenExp) return Refused("The token carries exp more than once.");
                    if (reader.TokenType != JsonTokenType.Number) return Refused("The token's exp claim must be a number (seconds since 1970).");
                    seenExp = true;
                    continue;
            }
            var name = claim switch { Claim.Tenant => ClaimNames.Tenant, Claim.Subject => ClaimNames.Subject, _ => ClaimNames.Watch };
            if (reader.TokenType != JsonTokenType.String) return Refused($"The token's {name} claim must be a single string.");
            ref var slot = ref claim == Claim.Tenant ? ref tenantId : ref claim == Claim.Subject ? ref userId : ref watch;
            if (slot is not null) return Refused($"The token carries {name} more than once.");
            slot = reader.GetString();
        }
        return reader.TokenType == JsonTokenType.EndObject ? new(tenantId, userId, watch, null) : Refused(Malformed);
    }

    private enum Claim { Other, Variant, Tenant, Subject, Watch, Expiry }

    private static Claim Identify(ref Utf8JsonReader reader, out string? variant)
    {
        variant = null;
        if (reader.ValueTextEquals("tid"u8)) return Claim.Tenant;
        if (reader.ValueTextEquals("sub"u8)) return Claim.Subject;
        if (reader.ValueTextEquals("watch"u8)) return Claim.Watch;
        if (reader.ValueTextEquals("exp"u8)) return Claim.Expiry;
        // A case variant of a 3 or 5 letter name is at most 15 UTF-8 bytes (escaped: 6 per character), compared unallocated.
        var length = reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
        if (length > 30) return Claim.Other;
        Span<char> name = stackalloc char[30];
        name = name[..reader.CopyString(name)];
        if (!IsVariant(name, ClaimNames.Tenant) && !IsVariant(name, ClaimNames.Subject) && !IsVariant(name, ClaimNames.Watch)) return Claim.Other;
        variant = name.ToString();
        return Claim.Variant;
    }

    private static bool IsVariant(ReadOnlySpan<char> name, string claim) => name.Equals(claim, StringComparison.OrdinalIgnoreCase);
}
