using System.Text.Json;
using Microsoft.Playwright;
using Realtime.Testing.Browser;

namespace Realtime.Browser.Tests.WebRtc;

/// <summary>
/// A Chromium audio peer for the managed stack: it sends its fake microphone and plays what it receives through an
/// audio element (Chromium decodes remote audio, and so reports its level, only for a track that is played). It
/// offers or answers with a data channel beside the audio (the managed peer requires one) after ICE gathering, can be
/// held to one codec through <c>setCodecPreferences</c>, and reports getStats' inbound and outbound audio.
/// </summary>
internal sealed class AudioPeerPage
{
    private const string Html = """
        <!doctype html>
        <meta charset="utf-8">
        <title>audio peer</title>
        <script>
        let pc, mic;
        const speaker = new Audio();
        speaker.autoplay = true;

        async function newPeer() {
          mic ??= await navigator.mediaDevices.getUserMedia({ audio: true });
          pc = new RTCPeerConnection();
          pc.ontrack = (e) => { speaker.srcObject = new MediaStream([e.track]); speaker.play().catch(() => {}); };
        }

        function only(transceiver, codec) {
          if (!codec) return;
          const all = RTCRtpReceiver.getCapabilities('audio').codecs;
          transceiver.setCodecPreferences(all.filter(c => c.mimeType.toLowerCase() === 'audio/' + codec.toLowerCase()));
        }

        function gathered() {
          if (pc.iceGatheringState === 'complete') return Promise.resolve();
          return new Promise(resolve => pc.addEventListener('icegatheringstatechange', () => { if (pc.iceGatheringState === 'complete') resolve(); }));
        }

        window.offer = async (codec) => {
          await newPeer();
          const transceiver = pc.addTransceiver(mic.getAudioTracks()[0], { direction: 'sendrecv', streams: [mic] });
          only(transceiver, codec);
          pc.createDataChannel('oai-events');
          await pc.setLocalDescription(await pc.createOffer());
          await gathered();
          return pc.localDescription.sdp;
        };

        window.accept = (answerSdp) => pc.setRemoteDescription({ type: 'answer', sdp: answerSdp });

        window.answer = async (offerSdp) => {
          await newPeer();
          await pc.setRemoteDescription({ type: 'offer', sdp: offerSdp });
          const transceiver = pc.getTransceivers().find(t => t.receiver.track.kind === 'audio');
          transceiver.direction = 'sendrecv';
          await transceiver.sender.replaceTrack(mic.getAudioTracks()[0]);
          await pc.setLocalDescription(await pc.createAnswer());
          await gathered();
          return pc.localDescription.sdp;
        };

        window.audioStats = async () => {
          const report = await pc.getStats();
          const result = { state: pc.connectionState, packetsReceived: 0, packetsSent: 0, audioLevel: 0, energy: 0, codec: null };
          report.forEach(s => {
            if (s.type === 'inbound-rtp' && s.kind === 'audio') {
              result.packetsReceived = s.packetsReceived ?? 0;
              result.audioLevel = s.audioLevel ?? 0;
              result.energy = s.totalAudioEnergy ?? 0;
              result.codec = s.codecId ? report.get(s.codecId)?.mimeType ?? null : null;
            }
            if (s.type === 'outbound-rtp' && s.kind === 'audio') result.packetsSent = s.packetsSent ?? 0;
          });
          return result;
        };

        window.closePeer = () => { if (pc) pc.close(); return true; };
        </script>
        """;

    private AudioPeerPage(IPage page) => Page = page;

    public IPage Page { get; }

    public static async Task<AudioPeerPage> OpenAsync(Chromium chromium, Uri origin)
    {
        var tab = await chromium.FirstTabAsync();
        var url = new Uri(origin, "/__tests/audio-peer.html").ToString();
        await tab.RouteAsync(url, route => route.FulfillAsync(new RouteFulfillOptions { Status = 200, ContentType = "text/html", Body = Html }));
        await tab.GotoAsync(url);
        return new AudioPeerPage(tab);
    }

    /// <summary>getStats' audio figures, as the page reports them.</summary>
    public async Task<AudioPeerStats> StatsAsync()
    {
        var stats = await Page.EvaluateAsync<JsonElement>("() => audioStats()");
        return new AudioPeerStats(
            stats.GetProperty("state").GetString() ?? "",
            stats.GetProperty("packetsReceived").GetInt64(),
            stats.GetProperty("packetsSent").GetInt64(),
            stats.GetProperty("audioLevel").GetDouble(),
            stats.GetProperty("energy").GetDouble(),
            stats.GetProperty("codec").ValueKind == JsonValueKind.String ? stats.GetProperty("codec").GetString() : null);
    }
}

/// <summary>What Chromium's getStats says about the audio it receives (inbound-rtp) and sends (outbound-rtp).</summary>
internal sealed record AudioPeerStats(string State, long PacketsReceived, long PacketsSent, double AudioLevel, double Energy, string? Codec);
