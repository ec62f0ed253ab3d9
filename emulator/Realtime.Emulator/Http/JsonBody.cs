using System.Text.Json;
using System.Text.Json.Nodes;
using Realtime.Emulator.Errors;
using Realtime.Http;

namespace Realtime.Emulator.Http;

/// <summary>Reads a request's JSON body with a size cap, turning every failure into an OpenAI error.</summary>
internal static class JsonBody
{
    /// <summary>1 MiB: far above any real session object, low enough that no request can hog memory.</summary>
    public const int MaxBytes = 1 << 20;

    /// <summary>An empty body counts as <c>{}</c>: every field of the emulated requests is optional.</summary>
    public static async Task<Outcome<JsonNode?>> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBytes) return OpenAIError.BodyTooLarge(MaxBytes);
        var (tooLarge, parsed) = await CappedBody.ReadAsync(request.Body, MaxBytes,
            bytes => bytes.IsEmpty ? new JsonObject() : Parse(bytes), cancellationToken);
        return tooLarge ? OpenAIError.BodyTooLarge(MaxBytes) : parsed!;
    }

    /// <summary>Strict (<see cref="StrictJson"/>): a duplicate name, invalid UTF-8 or an unpaired surrogate is refused too.</summary>
    public static Outcome<JsonNode?> Parse(ReadOnlySpan<byte> utf8)
    {
        try
        {
            return StrictJson.ParseNode(utf8);
        }
        catch (JsonException exception)
        {
            return OpenAIError.UnparseableJson(exception.Message);
        }
    }
}
