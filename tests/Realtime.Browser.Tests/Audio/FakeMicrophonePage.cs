using Microsoft.Playwright;
using Realtime.Testing.Browser;

namespace Realtime.Browser.Tests.Audio;

/// <summary>
/// The seed guide's browser flow with a speaking microphone: a secret and <c>calls_url</c> from
/// <c>/api/realtime-token</c>, an audio transceiver and <c>oai-events</c>, the offer POSTed with the <c>ek_</c>
/// secret. The microphone (Chromium's fake device playing a WAV once) is attached only once the call is up, so
/// the file's first sample is about the first the emulator hears, and its clock and the file's agree. The answer
/// plays through an audio element, and a poll of <c>getStats()</c> keeps the inbound audio's packets and peak level.
/// </summary>
public sealed class FakeMicrophonePage
{
    public const string Path = "/__tests/fake-microphone.html";

    private const string Html = """
        <!doctype html>
        <meta charset="utf-8">
        <title>fake microphone call</title>
        <script>
        const events = [];
        const audioIn = { packetsReceived: 0, maxAudioLevel: 0, totalAudioEnergy: 0 };
        let pc;

        window.count = (type) => events.filter(e => e.type === type).length;
        window.eventsOf = (type) => events.filter(e => e.type === type);
        window.types = () => events.map(e => e.type);
        window.inbound = () => ({ ...audioIn });

        async function pollStats() {
          const stats = await pc.getStats();
          for (const r of stats.values()) {
            if (r.type !== 'inbound-rtp' || r.kind !== 'audio') continue;
            audioIn.packetsReceived = r.packetsReceived ?? 0;
            audioIn.totalAudioEnergy = r.totalAudioEnergy ?? 0;
            audioIn.maxAudioLevel = Math.max(audioIn.maxAudioLevel, r.audioLevel ?? 0);
          }
        }

        window.speak = async (jwt, tokenBody) => {
          const tokenResp = await fetch('/api/realtime-token', {
            method: 'POST', headers: { 'Authorization': `Bearer ${jwt}`, 'Content-Type': 'application/json' }, body: tokenBody });
          if (!tokenResp.ok) throw new Error(`realtime-token: ${tokenResp.status} ${await tokenResp.text()}`);
          const { client_secret, calls_url } = await tokenResp.json();

          pc = new RTCPeerConnection();
          const transceiver = pc.addTransceiver('audio', { direction: 'sendrecv' });
          pc.ontrack = (e) => {
            const speaker = new Audio();
            speaker.srcObject = new MediaStream([e.track]);
            speaker.play().catch(() => {});
          };
          const dc = pc.createDataChannel('oai-events', { ordered: true });
          dc.onmessage = (msg) => events.push(JSON.parse(msg.data));
          const opened = new Promise(resolve => dc.onopen = resolve);
          const offer = await pc.createOffer();
          await pc.setLocalDescription(offer);
          const answerResp = await fetch(calls_url, {
            method: 'POST', headers: { 'Authorization': `Bearer ${client_secret}`, 'Content-Type': 'application/sdp' }, body: offer.sdp });
          const answer = await answerResp.text();
          if (answerResp.status !== 201) return { status: answerResp.status, body: answer };
          await pc.setRemoteDescription({ type: 'answer', sdp: answer });
          await opened;

          // Raw microphone: no echo cancellation, noise suppression or gain control moving the turn boundaries.
          const stream = await navigator.mediaDevices.getUserMedia({
            audio: { channelCount: 1, echoCancellation: false, noiseSuppression: false, autoGainControl: false } });
          await transceiver.sender.replaceTrack(stream.getAudioTracks()[0]);
          setInterval(pollStats, 50);
          return { status: answerResp.status, answer };
        };
        </script>
        """;

    private FakeMicrophonePage(IPage page) => Page = page;

    public IPage Page { get; }

    /// <summary>Chromium's flags for a fake microphone that plays <paramref name="wavPath"/> once, and answers that may play unprompted.</summary>
    public static IEnumerable<string> Flags(string wavPath) =>
        [.. Chromium.WebRtcFlags, $"--use-file-for-fake-audio-capture={wavPath}%noloop", "--autoplay-policy=no-user-gesture-required"];

    public static async Task<FakeMicrophonePage> OpenAsync(Chromium chromium, Uri apiBase)
    {
        var tab = await chromium.FirstTabAsync();
        var url = new Uri(apiBase, Path).ToString();
        await tab.RouteAsync(url, route => route.FulfillAsync(new RouteFulfillOptions { Status = 200, ContentType = "text/html", Body = Html }));
        await tab.GotoAsync(url);
        return new FakeMicrophonePage(tab);
    }

    /// <summary>Waits (bounded) until the call has received at least <paramref name="count"/> events of <paramref name="type"/>.</summary>
    public async Task WaitForAsync(string type, int count, TimeSpan limit)
    {
        try
        {
            await Page.WaitForFunctionAsync("([t, n]) => count(t) >= n", new object[] { type, count },
                new PageWaitForFunctionOptions { Timeout = (float)limit.TotalMilliseconds, PollingInterval = 50 });
        }
        catch (TimeoutException)
        {
            var types = await Page.EvaluateAsync<string[]>("() => types()");
            Assert.Fail($"fewer than {count} {type} within {limit.TotalSeconds:0} s; the call received: {string.Join(", ", types)}");
        }
    }
}
