using System.Text.Json;
using Microsoft.Playwright;
using Realtime.Testing.Browser;

namespace Realtime.Benchmarks.WebRtc;

/// <summary>
/// The baseline of the webrtc scenario: two peer connections against each other inside the <see cref="PeerPage"/>,
/// so Chromium's own stack is measured on the same machine, in the same run, as the managed peer. Added to the page
/// as a second script; it relies on the page's microphone grant (IP host candidates) and its <c>gatheredOf</c>.
/// </summary>
public static class ChromiumPair
{
    private const string Script = """
        // Connect time the way the .NET path signals: no trickle, each side's SDP sent only once its ICE gathering
        // is complete. Offer to open channel on both ends; both connections closed afterwards.
        window.chromiumConnect = async () => {
          const a = new RTCPeerConnection(), b = new RTCPeerConnection();
          const start = performance.now();
          const ch = a.createDataChannel('connect', { ordered: true });
          const open = new Promise(resolve => ch.onopen = resolve);
          const remoteOpen = new Promise(resolve => b.ondatachannel = e => {
            if (e.channel.readyState === 'open') resolve(); else e.channel.onopen = resolve;
          });
          await a.setLocalDescription(await a.createOffer());
          await gatheredOf(a);
          await b.setRemoteDescription(a.localDescription);
          await b.setLocalDescription(await b.createAnswer());
          await gatheredOf(b);
          await a.setRemoteDescription(b.localDescription);
          await open;
          await remoteOpen;
          const connectMs = performance.now() - start;
          a.close(); b.close();
          return connectMs;
        };

        // Bulk throughput over one ordered channel (trickled candidates), sending while the buffer allows.
        window.chromiumPair = async (total, chunk) => {
          const a = new RTCPeerConnection(), b = new RTCPeerConnection();
          a.onicecandidate = e => e.candidate && b.addIceCandidate(e.candidate);
          b.onicecandidate = e => e.candidate && a.addIceCandidate(e.candidate);
          const start = performance.now();
          const ch = a.createDataChannel('bulk', { ordered: true });
          ch.binaryType = 'arraybuffer';
          const remote = new Promise(resolve => b.ondatachannel = e => resolve(e.channel));
          const open = new Promise(resolve => ch.onopen = resolve);
          await a.setLocalDescription(await a.createOffer());
          await b.setRemoteDescription(a.localDescription);
          await b.setLocalDescription(await b.createAnswer());
          await a.setRemoteDescription(b.localDescription);
          await open;
          const rc = await remote;
          const connectMs = performance.now() - start;
          let got = 0;
          const finished = new Promise(resolve => rc.onmessage = m => { got += m.data.byteLength; if (got >= total) resolve(performance.now()); });
          const payload = new Uint8Array(chunk);
          const sendStart = performance.now();
          ch.bufferedAmountLowThreshold = 1 << 20;
          for (let sent = 0; sent < total; sent += chunk) {
            if (ch.bufferedAmount > 4 << 20) await new Promise(r => ch.onbufferedamountlow = r);
            ch.send(payload);
          }
          const end = await finished;
          a.close(); b.close();
          return { connectMs, seconds: (end - sendStart) / 1000 };
        };
        """;

    public static Task AddToAsync(PeerPage page) =>
        page.Page.AddScriptTagAsync(new PageAddScriptTagOptions { Content = Script });

    /// <summary>One connect without trickle, in milliseconds as the page's clock measured it.</summary>
    public static Task<double> ConnectAsync(PeerPage page) => page.Page.EvaluateAsync<double>("() => chromiumConnect()");

    /// <summary>A trickled connect and a bulk transfer of <paramref name="total"/> bytes on it: both durations.</summary>
    public static async Task<(double ConnectMs, double Seconds)> BulkAsync(PeerPage page, int total, int chunk)
    {
        var result = await page.Page.EvaluateAsync<JsonElement>("([t, c]) => chromiumPair(t, c)", new[] { total, chunk });
        return (result.GetProperty("connectMs").GetDouble(), result.GetProperty("seconds").GetDouble());
    }
}
