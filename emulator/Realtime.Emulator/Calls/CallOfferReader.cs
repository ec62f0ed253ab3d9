using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Net.Http.Headers;
using Realtime.Emulator.Errors;
using Realtime.Emulator.Http;

namespace Realtime.Emulator.Calls;

/// <summary>
/// Reads the offer the two ways OpenAI takes it: a raw <c>application/sdp</c> body (the session comes from the
/// secret), or <c>multipart/form-data</c> with an <c>sdp</c> part and an optional <c>session</c> JSON part.
/// </summary>
internal static class CallOfferReader
{
    /// <summary>An SDP offer is a few kilobytes; this only keeps a hostile body from filling memory.</summary>
    public const int MaxBytes = 64 * 1024;

    public static async Task<(CallOffer? Offer, OpenAIError? Error)> ReadAsync(HttpRequest request, CancellationToken cancel)
    {
        if (request.ContentLength > MaxBytes) return (null, OpenAIError.BodyTooLarge(MaxBytes));
        var mediaType = MediaTypeHeaderValue.TryParse(request.ContentType, out var parsed) ? parsed.MediaType.Value : null;
        if (string.Equals(mediaType, "application/sdp", StringComparison.OrdinalIgnoreCase))
        {
            var text = await ReadTextAsync(request.Body, cancel);
            return text is null ? (null, OpenAIError.BodyTooLarge(MaxBytes)) : (new CallOffer(text, null), null);
        }
        if (string.Equals(mediaType, "multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            return await ReadFormAsync(request, cancel);
        }
        return (null, OpenAIError.UnsupportedContentType(request.ContentType));
    }

    private static async Task<(CallOffer?, OpenAIError?)> ReadFormAsync(HttpRequest request, CancellationToken cancel)
    {
        var form = await request.ReadFormAsync(cancel);
        var sdp = await PartAsync(form, "sdp", cancel);
        if (string.IsNullOrWhiteSpace(sdp)) return (null, OpenAIError.MissingParameter("sdp"));
        var sessionText = await PartAsync(form, "session", cancel);
        if (string.IsNullOrWhiteSpace(sessionText)) return (new CallOffer(sdp, null), null);
        JsonNode? session;
        try
        {
            session = JsonNode.Parse(sessionText);
        }
        catch (JsonException)
        {
            return (null, OpenAIError.UnparseableJson());
        }
        return session is JsonObject fields
            ? (new CallOffer(sdp, fields), null)
            : (null, OpenAIError.InvalidType("session", "an object", JsonKinds.Describe(session)));
    }

    /// <summary>A part may come as a plain field or as a file (browsers' FormData with a Blob).</summary>
    private static async Task<string?> PartAsync(IFormCollection form, string name, CancellationToken cancel)
    {
        if (form.TryGetValue(name, out var value) && value.Count > 0) return value.ToString();
        if (form.Files.GetFile(name) is not { } file) return null;
        await using var stream = file.OpenReadStream();
        return await ReadTextAsync(stream, cancel);
    }

    private static async Task<string?> ReadTextAsync(Stream body, CancellationToken cancel)
    {
        var (tooLarge, text) = await CappedBody.ReadAsync(body, MaxBytes, bytes => Encoding.UTF8.GetString(bytes), cancel);
        return tooLarge ? null : text;
    }
}
