namespace Realtime.WebRtc.DataChannels;

/// <summary>What a <see cref="DataChannel"/> calls back into: the transport that owns its association and lock.</summary>
internal interface IDataChannelHost
{
    void Send(DataChannel channel, uint ppid, ReadOnlySpan<byte> payload);

    void Close(DataChannel channel);

    long BufferedAmount(DataChannel channel);
}
