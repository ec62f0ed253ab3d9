using System.Text;
using Realtime.Http;

namespace Realtime.Http.Tests;

public sealed class CappedBodyTests
{
    private static Task<(bool TooLarge, string? Parsed)> Read(Stream body, int maxBytes) =>
        CappedBody.ReadAsync(body, maxBytes, bytes => Encoding.UTF8.GetString(bytes), CancellationToken.None);

    [Fact]
    public async Task An_empty_body_parses_as_no_bytes()
    {
        Assert.Equal((false, ""), await Read(new MemoryStream(), 100));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4096)]
    [InlineData(4097)]
    [InlineData(50_000)]
    public async Task A_body_up_to_the_cap_reads_whole_however_it_arrives(int length)
    {
        var text = new string('x', length - 1) + "y";

        Assert.Equal((false, text), await Read(new TrickleStream(Encoding.UTF8.GetBytes(text)), maxBytes: 50_000));
        Assert.Equal((false, text), await Read(new MemoryStream(Encoding.UTF8.GetBytes(text)), maxBytes: length));
    }

    [Theory]
    [InlineData(10, 11)]
    [InlineData(4096, 4097)]
    [InlineData(5000, 100_000)]
    public async Task A_body_over_the_cap_is_refused(int maxBytes, int length)
    {
        var bytes = new byte[length];

        Assert.Equal((true, null), await Read(new TrickleStream(bytes), maxBytes));
        Assert.Equal((true, null), await Read(new MemoryStream(bytes), maxBytes));
    }

    /// <summary>A body without a length that arrives a few bytes at a time, as a chunked request may.</summary>
    private sealed class TrickleStream(byte[] bytes) : MemoryStream(bytes)
    {
        private int _reads;

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, 1 + (_reads++ % 997))], cancellationToken);
    }
}
