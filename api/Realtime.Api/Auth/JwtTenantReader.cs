using System.Buffers;
using System.Buffers.Text;
using System.Text.Json;
using Realtime.Api.Tenants;

namespace Realtime.Api.Auth;

/// <summary>
/// Reads the (not yet trusted) <c>tid</c> claim of a compact JWT without parsing the token: the payload segment
/// is Base64Url-decoded into a stack or pooled buffer and scanned for its top-level <c>"tid"</c> string. Used only
/// to load the tenant whose key then validates the token; validation itself parses the token in full, and the
/// key resolver reads <c>tid</c> from that parse, so a token this reads differently simply finds no key.
/// </summary>
public static class JwtTenantReader
{
    /// <summary>Payloads larger than this are not read (such a token is refused by validation anyway).</summary>
    public const int MaxPayloadBytes = 64 * 1024;

    private const int StackLimit = 1024;

    /// <summary>The valid tenant id in the payload's <c>tid</c>, or null when absent, invalid or malformed.</summary>
    public static string? TenantIdOf(string token)
    {
        var first = token.IndexOf('.');
        if (first < 0) return null;
        var second = token.IndexOf('.', first + 1);
        if (second < 0) return null;
        var payload = token.AsSpan(first + 1, second - first - 1);
        var size = Base64Url.GetMaxDecodedLength(payload.Length);
        if (size == 0 || size > MaxPayloadBytes) return null;

        byte[]? rented = null;
        var buffer = size <= StackLimit ? stackalloc byte[StackLimit] : (rented = ArrayPool<byte>.Shared.Rent(size));
        try
        {
            if (Base64Url.DecodeFromChars(payload, buffer, out _, out var written) != OperationStatus.Done) return null;
            var tid = Find(buffer[..written]);
            return TenantId.IsValid(tid) ? tid : null;
        }
        catch (JsonException)
        {
            return null;
        }
        finally
        {
            if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static string? Find(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 64 });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isTenant = reader.ValueTextEquals("tid"u8);
            if (!reader.Read()) return null;
            if (isTenant) return reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            reader.Skip();
        }
        return null;
    }
}
