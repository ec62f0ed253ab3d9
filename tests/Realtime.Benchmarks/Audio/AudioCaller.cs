using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Realtime.WebRtc.Audio;
using Realtime.WebRtc.DataChannels;
using Realtime.WebRtc.Media;
using Realtime.WebRtc.PeerConnection;

namespace Realtime.Benchmarks.Audio;

/// <summary>
/// One managed client of the emulator's audio: a transcribing realtime secret, an audio + <c>oai-events</c> call,
/// and the speech boundaries and answers the call reports while it speaks a WAV at real-time pace.
/// </summary>
public sealed class AudioCaller : IAsyncDisposable
{
    private const string Session = """{"session":{"type":"realtime","audio":{"input":{"transcription":{"model":"gpt-4o-transcribe"}}}}}""";

    private readonly RtcPeerConnection _peer;
    private readonly List<JsonObject> _events = [];

    private AudioCaller(RtcPeerConnection peer, DataChannel channel)
    {
        _peer = peer;
        channel.OnMessage += m =>
        {
            lock (_events) _events.Add(JsonNode.Parse(m.Text)!.AsObject());
        };
    }

    public static async Task<AudioCaller> ConnectAsync(HttpClient http, string platformKey, TimeSpan limit)
    {
        var secret = (string)JsonNode.Parse(await PostAsync(http, "/v1/realtime/client_secrets", platformKey, new StringContent(Session, Encoding.UTF8, "application/json")))!["value"]!;
        var peer = new RtcPeerConnection();
        try
        {
            peer.AddTransceiver();
            var offer = peer.CreateOffer();
            peer.SetLocalDescription(offer);
            var answer = await PostAsync(http, "/v1/realtime/calls", secret, new StringContent(offer.Sdp, Encoding.UTF8, "application/sdp"));
            peer.SetRemoteDescription(new RtcSessionDescription(RtcSdpType.Answer, answer));
            var caller = new AudioCaller(peer, peer.CreateDataChannel("oai-events"));
            await caller.WaitForAsync("session.created", 1, limit);
            return caller;
        }
        catch
        {
            await peer.CloseAsync();
            throw;
        }
    }

    /// <summary>Speaks the samples at real-time pace.</summary>
    public Task SpeakAsync(short[] samples) => _peer.AudioTransceiver!.Sender.PlayAsync(new WavFileSource(samples));

    public int Count(string type)
    {
        lock (_events) return _events.Count(e => (string?)e["type"] == type);
    }

    /// <summary>Where the emulator heard each turn start (without its prefix padding) and end, in ms of the call's audio.</summary>
    public List<(long Start, long End)> Turns(long prefixPaddingMs)
    {
        lock (_events)
        {
            var starts = _events.Where(e => (string?)e["type"] == "input_audio_buffer.speech_started").Select(e => (long)e["audio_start_ms"]! + prefixPaddingMs);
            var ends = _events.Where(e => (string?)e["type"] == "input_audio_buffer.speech_stopped").Select(e => (long)e["audio_end_ms"]!);
            return starts.Zip(ends).ToList();
        }
    }

    public async Task WaitForAsync(string type, int count, TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        while (Count(type) < count)
        {
            await Task.Delay(20, timeout.Token);
        }
    }

    public ValueTask DisposeAsync() => _peer.CloseAsync();

    private static async Task<string> PostAsync(HttpClient http, string path, string bearer, HttpContent content)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{path}: {(int)response.StatusCode} {body}");
        return body;
    }
}
