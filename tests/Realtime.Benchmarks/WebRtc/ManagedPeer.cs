using System.Diagnostics;
using Realtime.Testing.Browser;
using Realtime.WebRtc.DataChannels;
using Realtime.WebRtc.PeerConnection;

namespace Realtime.Benchmarks.WebRtc;

/// <summary>
/// The managed <see cref="RtcPeerConnection"/> connected to the <see cref="PeerPage"/> the way an app would: it
/// offers without trickle, Chromium answers once gathered, then a data channel opens. The connect time counts from
/// the offer to Chromium's open-channel notice, so it also holds two Playwright round trips (the answer and the notice).
/// </summary>
public sealed class ManagedPeer : IAsyncDisposable
{
    private readonly RtcPeerConnection _peer;
    private readonly DataChannel _channel;

    private ManagedPeer(RtcPeerConnection peer, DataChannel channel, double signalledMs, double connectMs)
    {
        _peer = peer;
        _channel = channel;
        SignalledMs = signalledMs;
        ConnectMs = connectMs;
    }

    /// <summary>From the offer until Chromium's answer is back in .NET.</summary>
    public double SignalledMs { get; }

    /// <summary>From the offer until Chromium reports the data channel open.</summary>
    public double ConnectMs { get; }

    public static async Task<ManagedPeer> ConnectAsync(PeerPage page, TimeSpan limit)
    {
        var peer = new RtcPeerConnection(new RtcConfiguration { OfferAudio = false });
        try
        {
            var clock = Stopwatch.StartNew();
            var offer = peer.CreateOffer();
            peer.SetLocalDescription(offer);
            var answer = await page.Page.EvaluateAsync<string>("sdp => answer(sdp)", offer.Sdp).WaitAsync(limit);
            var signalled = clock.Elapsed.TotalMilliseconds;
            peer.SetRemoteDescription(new RtcSessionDescription(RtcSdpType.Answer, answer));
            var channel = peer.CreateDataChannel("bulk");
            await page.Page.EvaluateAsync<string>("() => channelOpen()").WaitAsync(limit);
            return new ManagedPeer(peer, channel, signalled, clock.Elapsed.TotalMilliseconds);
        }
        catch
        {
            await peer.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Sends <paramref name="total"/> bytes in <paramref name="chunk"/>-byte messages as fast as the channel takes
    /// them; the page counts them in bulk mode. Seconds by the page's clock, from before the first send to the last byte.
    /// </summary>
    public async Task<double> SendBulkAsync(PeerPage page, int total, int chunk, TimeSpan limit)
    {
        await page.Page.EvaluateAsync("t => expectBulk(t)", total);
        var payload = new byte[chunk];
        var sendStart = await page.Page.EvaluateAsync<double>("() => now()");
        for (var sent = 0; sent < total; sent += chunk) _channel.Send(payload);
        var end = await page.Page.EvaluateAsync<double>("() => bulkFinished()").WaitAsync(limit);
        return (end - sendStart) / 1000;
    }

    /// <summary>
    /// One managed ↔ managed connect, untimed: the first connection in a process pays for JIT and the DTLS
    /// library's start-up, which is not what the scenario compares.
    /// </summary>
    public static async Task WarmUpAsync(TimeSpan limit)
    {
        await using var a = new RtcPeerConnection(new RtcConfiguration { OfferAudio = false });
        await using var b = new RtcPeerConnection();
        var opened = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        b.OnDataChannel += _ => opened.TrySetResult();
        var offer = a.CreateOffer();
        a.SetLocalDescription(offer);
        b.SetRemoteDescription(offer);
        var answer = b.CreateAnswer();
        b.SetLocalDescription(answer);
        a.SetRemoteDescription(answer);
        a.CreateDataChannel("warm-up");
        await opened.Task.WaitAsync(limit);
    }

    public ValueTask DisposeAsync() => _peer.DisposeAsync();
}
