using Microsoft.Playwright;
using Realtime.Testing.Browser;

namespace Realtime.Browser.Tests.Calls;

/// <summary>
/// A page that holds only the user's JWT and a session id: it posts its offer to <c>POST /api/sessions/{id}/calls</c>,
/// so the api talks to OpenAI and no secret ever reaches the page. Served by the test through a Playwright route on
/// the api's own origin (127.0.0.1, a secure context for getUserMedia).
/// </summary>
public sealed class SessionCallPage
{
    public const string Path = "/__tests/session-call.html";

    private const string Html = """
        <!doctype html>
        <meta charset="utf-8">
        <title>session call</title>
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

        window.startCall = async ([jwt, sessionId]) => {
          pc = new RTCPeerConnection();
          const stream = await navigator.mediaDevices.getUserMedia({ audio: { channelCount: 1 } });
          pc.addTransceiver(stream.getAudioTracks()[0], { direction: 'sendrecv', streams: [stream] });
          dc = pc.createDataChannel('oai-events', { ordered: true });
          dc.onmessage = (msg) => deliver(JSON.parse(msg.data));
          const opened = new Promise(resolve => dc.onopen = resolve);

          const offer = await pc.createOffer();
          await pc.setLocalDescription(offer);
          const answerResp = await fetch(`/api/sessions/${encodeURIComponent(sessionId)}/calls`, {
            method: 'POST', headers: { 'Authorization': `Bearer ${jwt}`, 'Content-Type': 'application/sdp' }, body: offer.sdp });
          const answer = await answerResp.text();
          if (answerResp.status !== 201) return { status: answerResp.status, body: answer };
          await pc.setRemoteDescription({ type: 'answer', sdp: answer });
          await opened;
          return { status: answerResp.status, location: answerResp.headers.get('Location'), answer };
        };

        window.send = (text) => dc.send(text);
        window.hangUp = () => { pc.close(); return true; };
        </script>
        """;

    private SessionCallPage(IPage page) => Page = page;

    public IPage Page { get; }

    public static async Task<SessionCallPage> OpenAsync(Chromium chromium, Uri apiBase)
    {
        var tab = await chromium.FirstTabAsync();
        var url = new Uri(apiBase, Path).ToString();
        await tab.RouteAsync(url, route => route.FulfillAsync(new RouteFulfillOptions { Status = 200, ContentType = "text/html", Body = Html }));
        await tab.GotoAsync(url);
        return new SessionCallPage(tab);
    }
}
