using Microsoft.Playwright;
using Realtime.Testing.Browser;

namespace Realtime.Benchmarks.WebRtc;

/// <summary>
/// The audio calls of the audio scenario inside the <see cref="PeerPage"/>: a Chromium ↔ Chromium call (the
/// baseline), and a Chromium answerer for the managed peer's call, both sending the fake microphone and carrying a
/// data channel, as a Realtime call does. Added to the page as a script; relies on its grant and <c>gatheredOf</c>.
/// </summary>
public static class AudioPair
{
    private const string Script = """
        let audioPc = null, audioMic = null;
        const micTrack = async () => (audioMic ??= await navigator.mediaDevices.getUserMedia({ audio: true })).getAudioTracks()[0];
        const connectedOf = p => new Promise(resolve => {
          if (p.connectionState === 'connected') { resolve(); return; }
          p.addEventListener('connectionstatechange', () => { if (p.connectionState === 'connected') resolve(); });
        });
        async function answerWithMic(p, offer) {
          await p.setRemoteDescription(offer);
          const t = p.getTransceivers().find(x => x.receiver.track.kind === 'audio');
          t.direction = 'sendrecv';
          await t.sender.replaceTrack(await micTrack());
          await p.setLocalDescription(await p.createAnswer());
          await gatheredOf(p);
          return p.localDescription;
        }

        // Offer (microphone + data channel) to both ends connected, without trickle, like the managed path.
        window.chromiumAudioConnect = async () => {
          const track = await micTrack();
          const a = new RTCPeerConnection(), b = new RTCPeerConnection();
          const start = performance.now();
          const both = Promise.all([connectedOf(a), connectedOf(b)]);
          a.addTransceiver(track, { direction: 'sendrecv' });
          a.createDataChannel('oai-events');
          await a.setLocalDescription(await a.createOffer());
          await gatheredOf(a);
          await a.setRemoteDescription(await answerWithMic(b, a.localDescription));
          await both;
          const ms = performance.now() - start;
          a.close(); b.close();
          return ms;
        };

        window.audioAnswer = async (sdp) => {
          if (audioPc) audioPc.close();
          audioPc = new RTCPeerConnection();
          return (await answerWithMic(audioPc, { type: 'offer', sdp })).sdp;
        };
        window.audioConnected = () => connectedOf(audioPc).then(() => true);
        """;

    public static Task AddToAsync(PeerPage page) =>
        page.Page.AddScriptTagAsync(new PageAddScriptTagOptions { Content = Script });

    /// <summary>One Chromium ↔ Chromium audio call's connect time, by the page's clock.</summary>
    public static Task<double> ChromiumConnectAsync(PeerPage page) => page.Page.EvaluateAsync<double>("() => chromiumAudioConnect()");
}
