using Microsoft.Playwright;

namespace Realtime.Testing.Browser;

/// <summary>
/// A bare Chromium peer for interop with the managed stack: it answers or makes an offer (waiting for ICE
/// gathering, so the SDP carries its candidates: the test has no trickle channel), and exchanges messages on the
/// first data channel. Served by the test through a Playwright route on a 127.0.0.1 origin. The microphone grant
/// (which keeps host candidates as IP addresses) is taken once per page; a new peer closes the previous one. A bulk
/// mode counts received bytes only, for throughput. Linked into the browser tests and the benchmarks.
/// </summary>
public sealed class PeerPage
{
    private const string Html = """
        <!doctype html>
        <meta charset="utf-8">
        <title>peer</title>
        <script>
        let pc, dc;
        const texts = [];
        const binaries = [];
        let channelReady;
        let channelPromise = new Promise(resolve => channelReady = resolve);
        let granted = null;

        function watch(channel) {
          dc = channel;
          dc.binaryType = 'arraybuffer';
          dc.onmessage = (m) => {
            if (typeof m.data === 'string') { texts.push(m.data); return; }
            if (bulk) { bulk.bytes += m.data.byteLength; if (bulk.bytes >= bulk.total) bulk.done(performance.now()); return; }
            const bytes = new Uint8Array(m.data);
            let ok = true;
            for (let i = 0; i < bytes.length; i++) if (bytes[i] !== (i % 251)) { ok = false; break; }
            binaries.push({ length: bytes.length, ok });
          };
          if (dc.readyState === 'open') channelReady(); else dc.onopen = () => channelReady();
        }

        // Granting the (fake) microphone turns off mDNS host-name candidates: the .NET peer needs IP addresses.
        // Once per page: the grant holds for every later peer connection in it (the benchmark's pair included).
        window.grant = () => granted ??= navigator.mediaDevices.getUserMedia({ audio: true })
          .then(stream => { stream.getTracks().forEach(t => t.stop()); return true; });

        async function newPeer() {
          await grant();
          if (pc) pc.close();
          channelPromise = new Promise(resolve => channelReady = resolve);
          pc = new RTCPeerConnection();
          pc.ondatachannel = (e) => watch(e.channel);
        }

        function gatheredOf(p) {
          if (p.iceGatheringState === 'complete') return Promise.resolve();
          return new Promise(resolve => p.addEventListener('icegatheringstatechange', () => { if (p.iceGatheringState === 'complete') resolve(); }));
        }

        const gathered = () => gatheredOf(pc);

        window.answer = async (offerSdp) => {
          await newPeer();
          await pc.setRemoteDescription({ type: 'offer', sdp: offerSdp });
          await pc.setLocalDescription(await pc.createAnswer());
          await gathered();
          return pc.localDescription.sdp;
        };

        window.offer = async (label) => {
          await newPeer();
          watch(pc.createDataChannel(label, { ordered: true }));
          await pc.setLocalDescription(await pc.createOffer());
          await gathered();
          return pc.localDescription.sdp;
        };

        window.accept = (answerSdp) => pc.setRemoteDescription({ type: 'answer', sdp: answerSdp });

        window.channelOpen = async () => { await channelPromise; return dc.label; };

        window.sendBoth = (text, size) => {
          dc.send(text);
          const bytes = new Uint8Array(size);
          for (let i = 0; i < size; i++) bytes[i] = (i * 7) % 256;
          dc.send(bytes.buffer);
        };

        window.received = () => ({ texts, binaries });

        // Bulk mode: count binary bytes only; resolves with the instant the last one arrived.
        let bulk = null;
        window.expectBulk = (total) => { const p = new Promise(done => bulk = { total, bytes: 0, done }); window.bulkDone = p; return true; };
        window.bulkFinished = () => window.bulkDone.then(at => at);
        window.now = () => performance.now();

        window.closePeer = () => { if (pc) pc.close(); pc = null; return true; };
        window.state = () => pc.connectionState;
        </script>
        """;

    private PeerPage(IPage page) => Page = page;

    public IPage Page { get; }

    public static async Task<PeerPage> OpenAsync(Chromium chromium, Uri origin)
    {
        var tab = await chromium.FirstTabAsync();
        var url = new Uri(origin, "/__tests/peer.html").ToString();
        await tab.RouteAsync(url, route => route.FulfillAsync(new RouteFulfillOptions { Status = 200, ContentType = "text/html", Body = Html }));
        await tab.GotoAsync(url);
        return new PeerPage(tab);
    }
}
