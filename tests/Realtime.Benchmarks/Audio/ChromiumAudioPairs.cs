using System.Text.Json;
using Microsoft.Playwright;
using Realtime.Testing.Browser;

namespace Realtime.Benchmarks.Audio;

/// <summary>
/// The reference for the emulator-audio scenario: n Chromium ↔ Chromium audio calls in one page, each sending the
/// fake microphone to the other end, which plays it; after the given time, the share of received samples Chromium
/// had to conceal (late or lost), summed over the calls.
/// </summary>
public static class ChromiumAudioPairs
{
    private const string Script = """
        window.audioPairs = async (n, seconds) => {
          const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
          const pairs = [];
          for (let i = 0; i < n; i++) {
            const a = new RTCPeerConnection(), b = new RTCPeerConnection();
            a.onicecandidate = e => e.candidate && b.addIceCandidate(e.candidate);
            b.onicecandidate = e => e.candidate && a.addIceCandidate(e.candidate);
            a.addTrack(stream.getAudioTracks()[0], stream);
            b.ontrack = e => { const el = new Audio(); el.srcObject = new MediaStream([e.track]); el.play().catch(() => {}); };
            await a.setLocalDescription(await a.createOffer());
            await b.setRemoteDescription(a.localDescription);
            await b.setLocalDescription(await b.createAnswer());
            await a.setRemoteDescription(b.localDescription);
            pairs.push({ a, b });
          }
          await new Promise(r => setTimeout(r, seconds * 1000));
          let concealed = 0, total = 0;
          for (const p of pairs) {
            const stats = await p.b.getStats();
            for (const r of stats.values()) {
              if (r.type === 'inbound-rtp' && r.kind === 'audio') { concealed += r.concealedSamples ?? 0; total += r.totalSamplesReceived ?? 0; }
            }
            p.a.close(); p.b.close();
          }
          return { concealed, total };
        };
        """;

    public static Task AddToAsync(PeerPage page) =>
        page.Page.AddScriptTagAsync(new PageAddScriptTagOptions { Content = Script });

    /// <summary>The concealed share of the samples <paramref name="calls"/> calls received over <paramref name="seconds"/>.</summary>
    public static async Task<double> ConcealedShareAsync(PeerPage page, int calls, int seconds)
    {
        var result = await page.Page.EvaluateAsync<JsonElement>("([n, s]) => audioPairs(n, s)", new[] { calls, seconds });
        var total = result.GetProperty("total").GetDouble();
        return total == 0 ? 1 : result.GetProperty("concealed").GetDouble() / total;
    }
}
