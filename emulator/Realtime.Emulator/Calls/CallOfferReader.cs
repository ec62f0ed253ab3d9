using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using Realtime.Emulator.Errors;
using Realtime.Emulator.Http;
using Realtime.Http;

namespace Realtime.Emulator.Calls;

/// <summary>
/// Reads the offer the two ways OpenAI takes it: a raw <c>application/sdp</c> body (the session comes from the
/// secret), or <c>multipart/form-data</c> with an <c>sdp</c> part and an optional <c>session</c> JSON part.
/// The parts are read as bytes, so the session's JSON is judged as sent (invalid UTF-8 is refused, not replaced).
/// </summary>
internal static class CallOfferReader
{
    /// <summary>An SDP offer is a few kilobytes; this only keeps a hostile body from filling memory.</summary>
    public const int MaxBytes = 64 * 1024;

    /// <summary>Parts beyond the two that matter are skipped, but only so many.</summary>
    private const int MaxParts = 8;

    public static async Task<(CallOffer? Offer, OpenAIError? Error)> ReadAsync(HttpRequest request, CancellationToken cancel)
    {
        if (request.ContentLength > MaxBytes) return (null, OpenAIError.BodyTooLarge(MaxBytes));
        var parsed = MediaTypeHeaderValue.TryParse(request.ContentType, out var type) ? type : null;
        var mediaType = parsed?.MediaType.Value;
        if (string.Equals(mediaType, "application/sdp", StringComparison.OrdinalIgnoreCase))
        {
            var text = await ReadTextAsync(request.Body, cancel);
            return text is null ? (null, OpenAIError.BodyTooLarge(MaxBytes)) : (new CallOffer(text, null), null);
        }
        var boundary = HeaderUtilities.RemoveQuotes(parsed?.Boundary ?? default).Value;
        if (string.Equals(mediaType, "multipart/form-data", StringComparison.OrdinalIgnoreCase) && !string.IsNullOrEmpty(boundary))
        {
            // Room above the cap, so a named part over it is cut off by CappedBody (a 413 like any oversized body)
            // before the reader's own limit, which bounds the parts that are skipped.
            return await ReadFormAsync(new MultipartReader(boundary, request.Body) { BodyLengthLimit = 2 * MaxBytes }, cancel);
        }
        return (null, OpenAIError.UnsupportedContentType(request.ContentType));
    }

    private static async Task<(CallOffer?, OpenAIError?)> ReadFormAsync(MultipartReader reader, CancellationToken cancel)
    {
        string? sdp = null;
        JsonNode? session = null;
        try
        {
            for (var parts = 0; await reader.ReadNextSectionAsync(cancel) is { } section; parts++)
            {
                if (parts == MaxParts) return (null, OpenAIError.BodyTooLarge(MaxBytes));
                switch (PartName(section))
                {
                    case "sdp":
                        sdp = await ReadTextAsync(section.Body, cancel);
                        if (sdp is null) return (null, OpenAIError.BodyTooLarge(MaxBytes));
                        break;
                    case "session":
                        var (tooLarge, json) = await CappedBody.ReadAsync(section.Body, MaxBytes, ParseSession, cancel);
                        if (tooLarge) return (null, OpenAIError.BodyTooLarge(MaxBytes));
                        if (json!.Error is { } unparseable) return (null, unparseable with { Param = "session" });
                        session = json.Value;
                        break;
                }
            }
        }
        catch (Exception e) when (e is InvalidDataException or IOException && !cancel.IsCancellationRequested)
        {
            // A part over BodyLengthLimit, or framing that does not follow the boundary.
            return (null, OpenAIError.InvalidMultipart(e.Message));
        }
        if (string.IsNullOrWhiteSpace(sdp)) return (null, OpenAIError.MissingParameter("sdp"));
        return session switch
        {
            null => (new CallOffer(sdp, null), null),
            JsonObject fields => (new CallOffer(sdp, fields), null),
            _ => (null, OpenAIError.InvalidType("session", "an object", JsonKinds.Describe(session))),
        };
    }

    // A blank session part counts as absent, as it did when browsers sent an empty field.
    private static Outcome<JsonNode?> ParseSession(ReadOnlySpan<byte> bytes) =>
        bytes.Trim(" \t\r\n"u8).IsEmpty ? (JsonNode?)null : JsonBody.Parse(bytes);

    /// <summary>A part may come as a plain field or as a file (browsers' FormData with a Blob): either way, by name.</summary>
    private static string? PartName(MultipartSection section) =>
        ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
            ? HeaderUtilities.RemoveQuotes(disposition.Name).Value
            : null;

    private static async Task<string?> ReadTextAsync(Stream body, CancellationToken cancel)
    {
        var (tooLarge, text) = await CappedBody.ReadAsync(body, MaxBytes, bytes => Encoding.UTF8.GetString(bytes), cancel);
        return tooLarge ? null : text;
    }
}
