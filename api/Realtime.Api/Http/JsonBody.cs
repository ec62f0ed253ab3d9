using System.Text.Json;
using System.Text.Json.Nodes;
using Realtime.Api.Problems;

namespace Realtime.Api.Http;

/// <summary>
/// Reads a JSON request body with a hard size cap, whatever server hosts the app: over the cap → 413,
/// not JSON → 400, a content type other than JSON → 415. An empty body reads as null.
/// </summary>
public static class JsonBody
{
    public const int MaxBytes = 64 * 1024;

    public static async Task<(JsonNode? Node, IResult? Error)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBytes) return (null, TooLarge());
        if (request.ContentType is { Length: > 0 } type && !IsJson(type))
            return (null, Problem.Of(StatusCodes.Status415UnsupportedMediaType, $"The body must be application/json, not '{type}'."));
        var bytes = await ReadCappedAsync(request.Body, cancellationToken);
        if (bytes is null) return (null, TooLarge());
        if (bytes.Length == 0 || bytes.AsSpan().Trim(" \t\r\n"u8).IsEmpty) return (null, null);
        try
        {
            return (JsonNode.Parse(bytes, documentOptions: new JsonDocumentOptions { MaxDepth = 32 }), null);
        }
        catch (JsonException e)
        {
            return (null, Problem.BadRequest($"The body is not valid JSON: {e.Message}"));
        }
    }

    private static async Task<byte[]?> ReadCappedAsync(Stream body, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBytes) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private static bool IsJson(string contentType) =>
        contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase)
        || contentType.Split(';')[0].Trim().EndsWith("+json", StringComparison.OrdinalIgnoreCase);

    private static IResult TooLarge() =>
        Problem.Of(StatusCodes.Status413PayloadTooLarge, $"The body is larger than {MaxBytes / 1024} KiB.");
}
