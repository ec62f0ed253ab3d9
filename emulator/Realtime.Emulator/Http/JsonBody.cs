using System.Text.Json;
using System.Text.Json.Nodes;
using Realtime.Emulator.Errors;

namespace Realtime.Emulator.Http;

/// <summary>Reads a request's JSON body with a size cap, turning every failure into an OpenAI error.</summary>
internal static class JsonBody
{
    /// <summary>1 MiB: far above any real session object, low enough that no request can hog memory.</summary>
    public const int MaxBytes = 1 << 20;

    private static readonly JsonDocumentOptions ParseOptions = new() { MaxDepth = 64, AllowDuplicateProperties = false };

    /// <summary>An empty body counts as <c>{}</c>: every field of the emulated requests is optional.</summary>
    public static async Task<Outcome<JsonNode?>> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBytes) return OpenAIError.BodyTooLarge(MaxBytes);
        var (tooLarge, parsed) = await CappedBody.ReadAsync(request.Body, MaxBytes,
            bytes => bytes.IsEmpty ? new JsonObject() : Parse(bytes), cancellationToken);
        return tooLarge ? OpenAIError.BodyTooLarge(MaxBytes) : parsed!;
    }

    public static Outcome<JsonNode?> Parse(ReadOnlySpan<byte> utf8)
    {
        try
        {
            var node = JsonNode.Parse(utf8, documentOptions: ParseOptions);
            Materialize(node);
            return node;
        }
        catch (Exception exception) when (exception is JsonException or ArgumentException or InvalidOperationException)
        {
            return OpenAIError.UnparseableJson();
        }
    }

    /// <summary>
    /// Reads every name and string once. JsonNode decodes lazily, so invalid UTF-8, lone surrogates
    /// or duplicate names would otherwise throw later, deep in validation, and become a 500.
    /// </summary>
    private static void Materialize(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (_, value) in obj) Materialize(value);
                break;
            case JsonArray array:
                foreach (var item in array) Materialize(item);
                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                _ = value.GetValue<string>();
                break;
        }
    }
}
