using System.Buffers;

namespace Realtime.Http;

/// <summary>
/// Reads a whole request body up to a size cap, for parsers that need it at once (JSON, SDP). The bytes go into a
/// pooled buffer, so a request costs no buffer allocation, and a body over the cap is refused as soon as it
/// crosses it (chunked bodies have no length up front). Shared by the api's readers and the emulator's.
/// </summary>
public static class CappedBody
{
    private const int InitialBytes = 4096;

    /// <summary>
    /// Reads <paramref name="body"/> and hands its bytes to <paramref name="parse"/>, which must not keep them (the
    /// buffer returns to the pool). <c>TooLarge</c> when the body is longer than <paramref name="maxBytes"/>.
    /// </summary>
    public static async Task<(bool TooLarge, T? Parsed)> ReadAsync<T>(
        Stream body, int maxBytes, Func<ReadOnlySpan<byte>, T> parse, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(parse);
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Min(InitialBytes, maxBytes + 1));
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length) buffer = Grow(buffer, length, maxBytes + 1);
                var read = await body.ReadAsync(buffer.AsMemory(length), cancellationToken);
                if (read == 0) break;
                length += read;
                if (length > maxBytes) return (true, default);
            }
            return (false, parse(buffer.AsSpan(0, length)));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    // Doubles the buffer, never beyond one byte past the cap: reading that byte is how an oversized body shows.
    private static byte[] Grow(byte[] buffer, int length, int limit)
    {
        var larger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, limit));
        buffer.AsSpan(0, length).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(buffer);
        return larger;
    }
}
