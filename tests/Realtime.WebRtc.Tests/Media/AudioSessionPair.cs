using Realtime.WebRtc.Audio;
using Realtime.WebRtc.Dtls;
using Realtime.WebRtc.Media;
using Realtime.WebRtc.Tests.Sctp;

namespace Realtime.WebRtc.Tests.Media;

/// <summary>
/// Two <see cref="AudioSession"/>s (side 0 as DTLS client, side 1 as server) keyed with the same exported material
/// and joined by a <see cref="LossyLink"/>, all on a fake clock: each side with a source sends one frame per 20 ms from it,
/// and what each plays is kept with the instant it was played.
/// </summary>
internal sealed class AudioSessionPair : IDisposable
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(5);
    private readonly IAudioSource?[] _sources;
    private readonly SrtpProfile _profile;
    private TimeSpan _nextFrame;

    public AudioSessionPair(LossyLink link, RtcAudioCodecInfo codec, IAudioSource? fromClient, IAudioSource? fromServer, SrtpProfile profile = SrtpProfile.Aes128CmHmacSha1_80)
    {
        Link = link;
        _sources = [fromClient, fromServer];
        _profile = profile;
        Sides = [.. new[] { DtlsRole.Client, DtlsRole.Server }.Select((role, i) =>
        {
            var session = new AudioSession(new AudioSessionOptions
            {
                Codecs = [codec],
                Sends = true,
                Receives = true,
                LocalSsrc = (uint)(1000 + i),
                WallClock = () => DateTimeOffset.UnixEpoch + Now,
            });
            session.Key(KeysOf(role), Now);
            return session;
        })];
    }

    public LossyLink Link { get; }
    public AudioSession[] Sides { get; }
    public TimeSpan Now { get; private set; } = TimeSpan.FromSeconds(1);

    /// <summary>What each side played, with the fake-clock instant it was played.</summary>
    public List<(RtcAudioFrame Frame, TimeSpan PlayedAt)>[] Played { get; } = [[], []];

    /// <summary>Runs the clock forward, sending, delivering, playing and reporting as a driver would.</summary>
    public void Run(TimeSpan duration)
    {
        TimeSpan end = Now + duration;
        while (Now < end)
        {
            if (Now >= _nextFrame)
            {
                for (int i = 0; i < 2; i++)
                {
                    if (_sources[i]?.TryReadFrame(out PcmFrame? frame) == true)
                    {
                        Sides[i].Send(frame, muted: false, Now);
                    }
                }
                _nextFrame = Now + PcmFrame.Duration;
            }
            Pump();
            Now += Step;
        }
    }

    /// <summary>Delivers what is due, runs due timers, then sends what they produced, so nothing waits a step.</summary>
    public void Pump()
    {
        while (Link.TryReceive(Now, out int to, out byte[] datagram))
        {
            Sides[to].HandleDatagram(datagram, Now);
        }
        for (int i = 0; i < 2; i++)
        {
            if (Sides[i].PollTimeout() is { } due && due <= Now)
            {
                Sides[i].HandleTimeout(Now);
            }
            while (Sides[i].TryPollFrame(out RtcAudioFrame frame))
            {
                Played[i].Add((frame, Now));
            }
            while (Sides[i].TryPollTransmit(out byte[] datagram))
            {
                Link.Send(i, datagram, Now);
            }
        }
    }

    public void Dispose()
    {
        foreach (AudioSession side in Sides)
        {
            side.Dispose();
        }
    }

    /// <summary>The exported keying material as the side in <paramref name="role"/> sees it.</summary>
    public SrtpKeyingMaterial KeysOf(DtlsRole role)
    {
        var (key, salt) = SrtpKeyingMaterial.LengthsOf(_profile);
        return new SrtpKeyingMaterial(_profile, role, Filled(key, 1), Filled(key, 2), Filled(salt, 3), Filled(salt, 4));
    }

    private static byte[] Filled(int length, byte value) => Enumerable.Repeat(value, length).ToArray();
}
