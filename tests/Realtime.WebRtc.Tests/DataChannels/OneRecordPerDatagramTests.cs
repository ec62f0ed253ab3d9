using System.Security.Cryptography;
using Realtime.WebRtc.DataChannels;
using Realtime.WebRtc.Tests.Dtls;
using Realtime.WebRtc.Tests.Sctp;

namespace Realtime.WebRtc.Tests.DataChannels;

/// <summary>
/// The whole data-channel stack against a peer that, like some independent stacks, reads only the first DTLS record of
/// a datagram once application data flows: SCTP must neither stall nor lose its hangup.
/// </summary>
public sealed class OneRecordPerDatagramTests
{
    private const byte ApplicationData = 23;

    [Fact]
    public void A_200_KiB_message_completes_and_the_close_is_seen_when_the_peer_reads_one_record_per_datagram()
    {
        int truncated = 0;
        var link = new LossyLink(31)
        {
            Rewrite = (_, datagram) =>
            {
                byte[] read = ReadLikeAOneRecordStack(datagram);
                truncated += read.Length < datagram.Length ? 1 : 0;
                return read;
            },
        };
        using var pair = new StackPair(link);
        pair.Start();
        DataChannel local = pair.Client.CreateDataChannel("oai-events");
        var received = new List<DataChannelMessage>();
        Assert.True(pair.RunUntil(() => pair.Remote[1].Count == 1 && local.State == DataChannelState.Open));
        DataChannel remote = pair.Remote[1][0];
        remote.OnMessage += received.Add;
        byte[] big = RandomNumberGenerator.GetBytes(200 * 1024);

        local.Send("""{"type":"session.update"}""");
        local.Send(big);
        remote.Send(big);
        Assert.True(pair.RunUntil(() => received.Count == 2), $"{received.Count} of 2 messages");
        pair.Client.Close(pair.Now);

        Assert.True(pair.RunUntil(() => pair.Server.State == DataChannelTransportState.Closed), pair.Server.State.ToString());
        Assert.Equal(big, received[1].Data);
        Assert.Equal(DataChannelState.Closed, remote.State);
        Assert.Equal(0, truncated); // nothing we sent was lost to the one-record reader
    }

    /// <summary>
    /// A reader that takes the first record of a datagram carrying application data and drops the rest. Handshake
    /// flights (records of other types only) are read whole, as such stacks must to connect at all.
    /// </summary>
    private static byte[] ReadLikeAOneRecordStack(byte[] datagram)
    {
        var records = DtlsRecordReader.Records(datagram);
        return records.Any(r => r.ContentType == ApplicationData) ? datagram[..records[0].Length] : datagram;
    }
}
