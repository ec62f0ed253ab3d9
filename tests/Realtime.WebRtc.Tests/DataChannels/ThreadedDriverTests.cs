using System.Collections.Concurrent;
using System.Diagnostics;
using Realtime.WebRtc.DataChannels;
using Realtime.WebRtc.Dtls;

namespace Realtime.WebRtc.Tests.DataChannels;

/// <summary>
/// Drives two transports the way a socket driver does, in real time: a receive thread per side feeding
/// datagrams while a timer thread calls HandleTimeout and user code sends from yet another thread.
/// Handlers must still see every message, in order, one at a time.
/// </summary>
public sealed class ThreadedDriverTests
{
    [Fact]
    public async Task Messages_stay_ordered_when_driver_calls_arrive_from_several_threads()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        DtlsCertificate clientCertificate = DtlsCertificate.Generate(), serverCertificate = DtlsCertificate.Generate();
        using var client = new DataChannelTransport(DtlsRole.Client, clientCertificate, serverCertificate.Fingerprint);
        using var server = new DataChannelTransport(DtlsRole.Server, serverCertificate, clientCertificate.Fingerprint);
        var clock = Stopwatch.StartNew();
        Task[] drivers = [.. Drive(client, server, clock, stop.Token), .. Drive(server, client, clock, stop.Token)];
        var received = new List<int>();
        int concurrent = 0, overlaps = 0;
        var done = new TaskCompletionSource();
        server.OnDataChannel += channel => channel.OnMessage += message =>
        {
            overlaps += Interlocked.Increment(ref concurrent) > 1 ? 1 : 0;
            received.Add(BitConverter.ToInt32(message.Data));
            if (received.Count == 5_000)
            {
                done.TrySetResult();
            }
            Interlocked.Decrement(ref concurrent);
        };
        server.Start(clock.Elapsed);
        client.Start(clock.Elapsed);
        DataChannel channel = client.CreateDataChannel("threads");
        var opened = new TaskCompletionSource();
        channel.OnOpen += () => opened.TrySetResult();
        await opened.Task.WaitAsync(stop.Token);

        await Task.Run(() =>
        {
            for (int i = 0; i < 5_000; i++)
            {
                channel.Send(BitConverter.GetBytes(i));
            }
        }, stop.Token);

        await done.Task.WaitAsync(stop.Token);
        await stop.CancelAsync();
        await Task.WhenAll(drivers).ContinueWith(_ => { }, TaskScheduler.Default);
        Assert.Equal(Enumerable.Range(0, 5_000), received);
        Assert.Equal(0, overlaps);
    }

    /// <summary>A receive loop and a timer loop for one side; datagrams go straight into the other side's queue.</summary>
    private static Task[] Drive(DataChannelTransport self, DataChannelTransport peer, Stopwatch clock, CancellationToken stop)
    {
        var inbox = new BlockingCollection<byte[]>();
        Inboxes[self] = inbox;
        void Flush()
        {
            while (self.TryPollTransmit(out byte[] datagram))
            {
                if (Inboxes.TryGetValue(peer, out var target))
                {
                    target.Add(datagram, CancellationToken.None); // unbounded: never waits
                }
            }
        }
        self.TransmitReady += Flush;
        Task receive = Task.Run(() =>
        {
            foreach (byte[] datagram in inbox.GetConsumingEnumerable(stop))
            {
                self.HandleDatagram(datagram, clock.Elapsed);
                Flush();
            }
        }, stop);
        Task timer = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                self.HandleTimeout(clock.Elapsed);
                Flush();
                await Task.Delay(1, stop);
            }
        }, stop);
        return [receive, timer];
    }

    private static readonly ConcurrentDictionary<DataChannelTransport, BlockingCollection<byte[]>> Inboxes = new();
}
