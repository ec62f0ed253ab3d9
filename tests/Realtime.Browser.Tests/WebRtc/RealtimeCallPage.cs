using Microsoft.Playwright;
using Realtime.Testing.Browser;

namespace Realtime.Browser.Tests.WebRtc;

/// <summary>
/// A page that does what the seed guide's browser code does (docs/design.md §Seed guide), in GA terms:
/// secret and <c>calls_url</c> from <c>/api/realtime-token</c>, fake microphone track, <c>oai-events</c>, the offer
/// POSTed with the <c>ek_</c> secret; or, holding only a JWT and a session id, the offer POSTed to the api's
/// <c>/api/sessions/{id}/calls</c>. The test serves it itself, on the api's own origin (127.0.0.1, a secure
/// context for getUserMedia), through a Playwright route, so the api needs no test page.
/// </summary>
public sealed class RealtimeCallPage
{
    public const string Path = "/__tests/realtime-call.html";

    private const string Html = """
        <!doctype html>
        <meta charset="utf-8">
        <title>realtime call</title>
        <script>
        const received = [];
        const waiters = [];
        let pc, dc;

        function deliver(event) {
          const i = waiters.findIndex(w => w.type === event.type);
          if (i >= 0) waiters.splice(i, 1)[0].resolve(event); else received.push(event);
        }

        // The next server event of this type (earlier unclaimed ones first); rejects after a bound.
        window.nextEvent = (type, ms) => new Promise((resolve, reject) => {
          const i = received.findIndex(e => e.type === type);
          if (i >= 0) { resolve(received.splice(i, 1)[0]); return; }
          const waiter = { type, resolve };
          waiters.push(waiter);
          setTimeout(() => { const j = waiters.indexOf(waiter); if (j >= 0) { waiters.splice(j, 1); reject(new Error(`no ${type} within ${ms} ms; got ${received.map(e => e.type)}`)); } }, ms);
        });

        // Microphone, audio transceiver and oai-events; the offer goes to postOffer, which answers a fetch Response.
        async function connect(postOffer) {
          pc = new RTCPeerConnection();
          const stream = await navigator.mediaDevices.getUserMedia({ audio: { channelCount: 1 } });
          stream.getTracks().forEach(t => pc.addTrack(t, stream));
          dc = pc.createDataChannel('oai-events', { ordered: true });
          dc.onmessage = (msg) => deliver(JSON.parse(msg.data));
          const opened = new Promise(resolve => dc.onopen = resolve);

          const offer = await pc.createOffer();
          await pc.setLocalDescription(offer);
          const answerResp = await postOffer(offer.sdp);
          const answer = await answerResp.text();
          // As the GA notes warn: never feed an error body to setRemoteDescription.
          if (answerResp.status !== 201) return { status: answerResp.status, body: answer };
          await pc.setRemoteDescription({ type: 'answer', sdp: answer });
          await opened;
          return { status: answerResp.status, location: answerResp.headers.get('Location'), answer };
        }

        window.startCall = async (jwt) => {
          const tokenResp = await fetch('/api/realtime-token', {
            method: 'POST', headers: { 'Authorization': `Bearer ${jwt}`, 'Content-Type': 'application/json' }, body: '{}' });
          if (!tokenResp.ok) throw new Error(`realtime-token: ${tokenResp.status} ${await tokenResp.text()}`);
          const { client_secret, calls_url } = await tokenResp.json();
          const call = await connect(sdp => fetch(calls_url, {
            method: 'POST', headers: { 'Authorization': `Bearer ${client_secret}`, 'Content-Type': 'application/sdp' }, body: sdp }));
          return { ...call, secret: client_secret, callsUrl: calls_url };
        };

        // No secret at all: the api posts the offer to OpenAI for the session's owner (POST /api/sessions/{id}/calls).
        window.startSessionCall = ([jwt, sessionId]) => connect(sdp => fetch(`/api/sessions/${encodeURIComponent(sessionId)}/calls`, {
          method: 'POST', headers: { 'Authorization': `Bearer ${jwt}`, 'Content-Type': 'application/sdp' }, body: sdp }));

        window.send = (text) => dc.send(text);
        window.state = () => ({ connection: pc.connectionState, ice: pc.iceConnectionState, channel: dc.readyState });
        window.postOffer = async (url, secret, sdp) => {
          const r = await fetch(url, { method: 'POST', headers: { 'Authorization': `Bearer ${secret}`, 'Content-Type': 'application/sdp' }, body: sdp });
          return { status: r.status, body: await r.text() };
        };
        window.hangUp = async (location, secret) => {
          const r = await fetch(location + '/hangup', { method: 'POST', headers: { 'Authorization': `Bearer ${secret}` } });
          pc.close();
          return r.status;
        };
        </script>
        """;

    private RealtimeCallPage(IPage page) => Page = page;

    public IPage Page { get; }

    public static async Task<RealtimeCallPage> OpenAsync(Chromium chromium, Uri apiBase)
    {
        var tab = await chromium.FirstTabAsync();
        var url = new Uri(apiBase, Path).ToString();
        await tab.RouteAsync(url, route => route.FulfillAsync(new RouteFulfillOptions { Status = 200, ContentType = "text/html", Body = Html }));
        await tab.GotoAsync(url);
        return new RealtimeCallPage(tab);
    }
}
