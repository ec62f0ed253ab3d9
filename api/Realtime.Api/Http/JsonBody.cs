using System.Text.Json;
using System.Text.Json.Nodes;
using Realtime.Api.Problems;
using Realtime.Http;

namespace Realtime.Api.Http;

/// <summary>
/// Reads a JSON request body with a hard size cap, whatever server hosts the app: over the cap → 413,
/// not JSON → 400, a content type other than JSON → 415. An empty body reads as null. The JSON is read strictly
/// (<see cref="StrictJson"/>): a duplicate property, invalid UTF-8 or an unpaired surrogate is a 400 naming it.
/// </summary>
public static class JsonBody
{
    public const int MaxBytes = 64 * 1024;

    private const int MaxDepth = 32;

    public static async Task<(JsonNode? Node, ProblemHttpResult? Error)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBytes) return (null, TooLarge());
        if (request.ContentType is { Length: > 0 } type && !IsJson(type))
            return (null, Problem.Of(StatusCodes.Status415UnsupportedMediaType, $"The body must be application/json, not '{type}'."));
        try
        {
            var (tooLarge, node) = await CappedBody.ReadAsync(request.Body, MaxBytes, Parse, cancellationToken);
            return tooLarge ? (null, TooLarge()) : (node, null);
        }
        catch (JsonException e)
        {
            return (null, Problem.BadRequest($"The body is not valid JSON: {e.Message}"));
        }
    }

    // An empty (or blank) body reads as null.
    private static JsonNode? Parse(ReadOnlySpan<byte> bytes) =>
        bytes.Trim(" \t\r\n"u8).IsEmpty ? null : StrictJson.ParseNode(bytes, MaxDepth);

    private static bool IsJson(string contentType) =>
        contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase)
        || contentType.Split(';')[0].Trim().EndsWith("+json", StringComparison.OrdinalIgnoreCase);

    private static ProblemHttpResult TooLarge() =>
        Problem.Of(StatusCodes.Status413PayloadTooLarge, $"The body is larger than {MaxBytes / 1024} KiB.");
}
