using System.Text;

namespace Realtime.WebRtc.DataChannels;

/// <summary>One received message: text (PPID 51/56) or binary (PPID 53/57), like the browser's <c>MessageEvent.data</c>.</summary>
public sealed class DataChannelMessage(bool isBinary, byte[] data)
{
    public bool IsBinary { get; } = isBinary;

    public byte[] Data { get; } = data;

    /// <summary>The payload decoded as UTF-8 (what a text message means).</summary>
    public string Text => Encoding.UTF8.GetString(Data);

    public override string ToString() => IsBinary ? $"binary({Data.Length} bytes)" : Text;
}
