using Realtime.WebRtc.Dtls;

namespace Realtime.WebRtc.Tests.Dtls;

/// <summary>
/// Application data must travel one record per datagram: some independent stacks read only the first record
/// of each datagram. Handshake flights may stay packed.
/// </summary>
public sealed class DtlsRecordPackingTests
{
    private const byte ApplicationData = 23;
    private const byte Handshake = 22;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Back_to_back_application_data_reaches_a_peer_that_reads_one_record_per_datagram(bool fromClient)
    {
        var handshakeDatagrams = new List<byte[]>();
        using var pair = new DtlsPair { Drop = (_, datagram) => { handshakeDatagrams.Add(datagram); return false; } };
        pair.Start();
        Assert.True(pair.PumpUntil(pair.Connected));
        DtlsEndpoint sender = fromClient ? pair.Client : pair.Server;
        DtlsEndpoint receiver = fromClient ? pair.Server : pair.Client;
        byte[][] messages = [.. Enumerable.Range(0, 20).Select(i => Enumerable.Repeat((byte)i, 100 + i).ToArray())];

        foreach (byte[] message in messages)
        {
            Assert.True(sender.Send(message));
        }
        var datagrams = new List<byte[]>();
        while (sender.TryPollTransmit(out byte[] datagram))
        {
            datagrams.Add(datagram);
        }
        foreach (byte[] datagram in datagrams)
        {
            receiver.HandleDatagram(FirstRecordOnly(datagram), TimeSpan.Zero);
        }
        var received = new List<byte[]>();
        while (receiver.TryPollReceived(out byte[] data))
        {
            received.Add(data);
        }

        Assert.Equal(messages.Length, datagrams.Count);
        Assert.All(datagrams, d => Assert.Equal(ApplicationData, Assert.Single(DtlsRecordReader.Records(d)).ContentType));
        Assert.Equal(messages, received);
        Assert.Contains(handshakeDatagrams, d => DtlsRecordReader.Records(d).Count(r => r.ContentType == Handshake) > 1);
    }

    /// <summary>What a one-record-per-datagram reader keeps: the first record, the rest discarded.</summary>
    private static byte[] FirstRecordOnly(byte[] datagram) => datagram[..DtlsRecordReader.Records(datagram)[0].Length];
}
