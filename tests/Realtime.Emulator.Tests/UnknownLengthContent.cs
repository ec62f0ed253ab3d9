using System.Net;
using System.Text;

namespace Realtime.Emulator.Tests;

/// <summary>A body sent chunked, with no Content-Length, so the server cannot refuse it up front.</summary>
public sealed class UnknownLengthContent(string text) : HttpContent
{
    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        stream.WriteAsync(Encoding.UTF8.GetBytes(text)).AsTask();

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
