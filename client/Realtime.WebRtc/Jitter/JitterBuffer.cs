using Realtime.WebRtc.Audio;
using Realtime.WebRtc.Codecs;
using Realtime.WebRtc.Rtp;

namespace Realtime.WebRtc.Jitter;

/// <summary>
/// Turns RTP packets that arrive late, early, twice or never into a steady 20 ms frame stream, sans-IO: the
/// network side calls <see cref="Push"/> with each packet and its arrival time, the playout side calls
/// <see cref="Pull"/> once per frame on its own clock. Packets are ordered by extended sequence number (one
/// packet is one frame); a gap with later packets waiting is concealed by the codec; a packet whose slot has
/// already been played is dropped as late; and the buffer never holds more than
/// <see cref="JitterBufferOptions.MaxDelay"/> of audio, skipping the oldest frames rather than growing latency.
/// </summary>
public sealed class JitterBuffer
{
    private readonly IAudioCodec _codec;
    private readonly JitterBufferOptions _options;
    private readonly SortedDictionary<long, BufferedPacket> _packets = [];
    private readonly int _maxFrames;
    private long _next;
    private long _highest = -1;
    private bool _playing;
    private TimeSpan _firstArrival;
    private int _concealedRun;
    private long _decoded, _concealed, _silent, _late, _duplicated, _skipped;
    private TimeSpan _maxWait;

    public JitterBuffer(IAudioCodec codec, JitterBufferOptions? options = null)
    {
        _codec = codec;
        _options = options ?? new JitterBufferOptions();
        _maxFrames = Math.Max(1, (int)(_options.MaxDelay / PcmFrame.Duration));
    }

    public JitterBufferStatistics Statistics => new(_decoded, _concealed, _silent, _late, _duplicated, _skipped, _maxWait);

    /// <summary>Buffers a packet of the codec's payload type; other payload types, late packets and duplicates are dropped.</summary>
    public void Push(RtpPacket packet, TimeSpan now)
    {
        if (packet.PayloadType != _codec.PayloadType)
        {
            return;
        }
        long sequence = Extend(packet.SequenceNumber);
        if (_playing && sequence < _next)
        {
            _late++;
            return;
        }
        if (!_packets.TryAdd(sequence, new BufferedPacket(packet.Payload, now)))
        {
            _duplicated++;
            return;
        }
        if (_highest < 0)
        {
            _firstArrival = now;
        }
        _highest = Math.Max(_highest, sequence);
        BoundLatency();
    }

    /// <summary>The frame to play at <paramref name="now"/>; call once per 20 ms.</summary>
    public PlayoutFrame Pull(TimeSpan now)
    {
        if (!_playing && !TryStart(now))
        {
            return new PlayoutFrame(PcmFrame.Silence(), PlayoutKind.Buffering);
        }
        if (_packets.Remove(_next, out BufferedPacket due))
        {
            return Play(due, now);
        }
        return _packets.Count > 0 ? ConcealGap() : Underrun();
    }

    private bool TryStart(TimeSpan now)
    {
        if (_packets.Count == 0 || now - _firstArrival < _options.TargetDelay)
        {
            return false;
        }
        _playing = true;
        _next = _packets.Keys.First();
        return true;
    }

    private PlayoutFrame Play(BufferedPacket due, TimeSpan now)
    {
        _next++;
        _concealedRun = 0;
        _decoded++;
        TimeSpan wait = now - due.ArrivedAt;
        _maxWait = wait > _maxWait ? wait : _maxWait;
        return new PlayoutFrame(_codec.Decode(due.Payload.Span), PlayoutKind.Decoded, due.ArrivedAt);
    }

    /// <summary>The due packet is missing but later ones are here: it is lost (or hopelessly late), so conceal and move on.</summary>
    private PlayoutFrame ConcealGap()
    {
        ReadOnlySpan<byte> following = _packets.TryGetValue(_next + 1, out BufferedPacket next) ? next.Payload.Span : [];
        _next++;
        return Conceal(following);
    }

    /// <summary>Nothing buffered: conceal a short dropout without giving up the slot, then fall back to silence.</summary>
    private PlayoutFrame Underrun()
    {
        if (_concealedRun < _options.MaxConcealedRun)
        {
            return Conceal([]);
        }
        _silent++;
        return new PlayoutFrame(PcmFrame.Silence(), PlayoutKind.Silence);
    }

    private PlayoutFrame Conceal(ReadOnlySpan<byte> following)
    {
        _concealedRun++;
        _concealed++;
        return new PlayoutFrame(_codec.Conceal(following), PlayoutKind.Concealed);
    }

    /// <summary>Skips the oldest frames once the buffered span exceeds the maximum delay.</summary>
    private void BoundLatency()
    {
        long oldest = _playing ? _next : _packets.Keys.First();
        long excess = _highest - oldest + 1 - _maxFrames;
        if (excess <= 0)
        {
            return;
        }
        long keepFrom = oldest + excess;
        foreach (long stale in _packets.Keys.Where(key => key < keepFrom).ToList())
        {
            _packets.Remove(stale);
            _skipped++;
        }
        _next = Math.Max(_next, keepFrom);
    }

    /// <summary>Unwraps a 16-bit sequence number to the value nearest the highest one seen.</summary>
    private long Extend(ushort sequence)
    {
        if (_highest < 0)
        {
            return sequence + (1L << 16); // headroom so a reordered predecessor never goes negative
        }
        long candidate = (_highest & ~0xFFFFL) | sequence;
        if (candidate - _highest > 1 << 15)
        {
            candidate -= 1 << 16;
        }
        else if (_highest - candidate > 1 << 15)
        {
            candidate += 1 << 16;
        }
        return candidate;
    }

    private readonly record struct BufferedPacket(ReadOnlyMemory<byte> Payload, TimeSpan ArrivedAt);
}
