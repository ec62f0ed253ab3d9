using System.Diagnostics;
using System.Globalization;
using Concentus;
using Realtime.Benchmarks.Report;
using Realtime.Benchmarks.WebRtc;
using Realtime.Testing.Browser;
using Realtime.WebRtc.Codecs;
using Realtime.WebRtc.Media;
using Realtime.WebRtc.PeerConnection;

namespace Realtime.Benchmarks.Scenarios;

/// <summary>
/// Audio in the managed stack, in one run: the codecs' real-time factors (Opus through Concentus, G.711), and the
/// connect time of a managed ↔ Chromium audio call against a Chromium ↔ Chromium one in the same page. A call is
/// connected once both ends can send media (DTLS done, SRTP keyed); both sides signal without trickle.
/// </summary>
public static class AudioScenario
{
    private const int Connects = 5;
    private const double CodecTarget = 50;
    private const double ConnectTargetRatio = 1.5;
    private static readonly TimeSpan CodecAudio = TimeSpan.FromSeconds(60);
    private static readonly Uri Origin = new("http://127.0.0.1:9/");
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(20);

    public static async Task<int> RunAsync()
    {
        string opusKind = OpusCodecFactory.CreateEncoder(48_000, 1).GetType().Name;
        var codecs = new (string Name, Func<IAudioCodec> Create)[]
        {
            ($"opus ({opusKind})", () => new OpusCodec(111)),
            ("PCMU", () => new G711Codec(G711Law.MuLaw, 0)),
            ("PCMA", () => new G711Codec(G711Law.ALaw, 8)),
        };
        AudioCodecTiming.RealTimeFactors(codecs[0].Create, TimeSpan.FromSeconds(5)); // JIT warm-up, not measured
        bool codecPass = true;
        foreach (var (name, create) in codecs)
        {
            var (encode, decode) = AudioCodecTiming.RealTimeFactors(create, CodecAudio);
            codecPass &= Math.Min(encode, decode) >= CodecTarget;
            ConnectRuns.Print($"{name}: encode {encode:F0}x real time, decode {decode:F0}x real time ({CodecAudio.TotalSeconds:F0} s of audio, 20 ms frames, one thread)");
        }

        Console.WriteLine($"Starting Chromium ({Chromium.ExecutablePath}) and a peer page on {Origin.Authority} ...");
        await using var chromium = await Chromium.LaunchAsync(Chromium.WebRtcFlags);
        var page = await PeerPage.OpenAsync(chromium, Origin);
        await AudioPair.AddToAsync(page);
        await page.Page.EvaluateAsync<bool>("() => grant()");
        var baseline = await ConnectRuns.RepeatAsync(Connects, () => AudioPair.ChromiumConnectAsync(page).WaitAsync(Limit));
        var managed = await ConnectRuns.RepeatAsync(Connects, () => ManagedConnectAsync(page));

        double ratio = Median.Of(managed) / Median.Of(baseline);
        bool connectPass = ratio <= ConnectTargetRatio;
        ConnectRuns.Print($"Chromium ↔ Chromium audio call: connect median {Median.Of(baseline):F1} ms of {Connects} ({ConnectRuns.List(baseline)})");
        ConnectRuns.Print($".NET → Chromium audio call:     connect median {Median.Of(managed):F1} ms of {Connects} ({ConnectRuns.List(managed)})");
        Console.WriteLine();
        ConnectRuns.Print($"codecs >= {CodecTarget:F0}x real time: {(codecPass ? "PASS" : "BELOW")}");
        ConnectRuns.Print($"ratio .NET/Chromium audio connect (median of {Connects}): {ratio:F2} (target <= {ConnectTargetRatio:F1}) {(connectPass ? "PASS" : "ABOVE")}");
        return codecPass && connectPass ? 0 : 1;
    }

    /// <summary>Offer (audio + data) to both ends able to send media: our SRTP keyed and Chromium connected.</summary>
    private static async Task<double> ManagedConnectAsync(PeerPage page)
    {
        await using var peer = new RtcPeerConnection();
        var clock = Stopwatch.StartNew();
        RtcAudioTransceiver audio = peer.AddTransceiver();
        var offer = peer.CreateOffer();
        peer.SetLocalDescription(offer);
        var answer = await page.Page.EvaluateAsync<string>("sdp => audioAnswer(sdp)", offer.Sdp).WaitAsync(Limit);
        peer.SetRemoteDescription(new RtcSessionDescription(RtcSdpType.Answer, answer));
        await Task.WhenAll(audio.Sender.Ready, page.Page.EvaluateAsync<bool>("() => audioConnected()")).WaitAsync(Limit);
        return clock.Elapsed.TotalMilliseconds;
    }
}
