using System.Text;
using Realtime.Api.Problems;

namespace Realtime.Api.Calls;

/// <summary>
/// Reads the browser's SDP offer: <c>application/sdp</c>, at most <see cref="MaxBytes"/>, UTF-8, and shaped like a
/// session description (version line first, at least one media section), so OpenAI is never sent something it
/// would refuse only after a round trip.
/// </summary>
public static class SdpOffer
{
    /// <summary>A browser's offer is a few KiB; this leaves room for many candidates and codecs.</summary>
    public const int MaxBytes = 64 * 1024;

    public static async Task<(string? Sdp, ProblemHttpResult? Problem)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!string.Equals(request.ContentType?.Split(';')[0].Trim(), "application/sdp", StringComparison.OrdinalIgnoreCase))
            return (null, Problem.Of(StatusCodes.Status415UnsupportedMediaType, "The body must be an SDP offer with Content-Type: application/sdp."));
        if (request.ContentLength > MaxBytes) return (null, TooLarge());

        var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBytes) return (null, TooLarge());
            buffer.Write(chunk, 0, read);
        }

        string sdp;
        try
        {
            sdp = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        }
        catch (DecoderFallbackException)
        {
            return (null, Problem.BadRequest("The SDP offer is not valid UTF-8.", "sdp"));
        }

        return IsOffer(sdp) ? (sdp, null) : (null, Problem.BadRequest("The body is not an SDP offer: it must start with 'v=0' and have an 'm=' line.", "sdp"));
    }

    private static bool IsOffer(string sdp) =>
        sdp.StartsWith("v=0", StringComparison.Ordinal) && sdp.Replace("\r\n", "\n").Split('\n').Any(line => line.StartsWith("m=", StringComparison.Ordinal));

    private static ProblemHttpResult TooLarge() =>
        Problem.Of(StatusCodes.Status413PayloadTooLarge, $"An SDP offer is at most {MaxBytes} bytes.");
}
