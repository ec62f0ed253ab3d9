namespace Realtime.WebRtc.Srtp;

/// <summary>
/// The 48-bit SRTP packet index of one SSRC, ROC · 2^16 + SEQ (RFC 3711 §3.3.1). Only the 16-bit sequence
/// number travels, so the rollover counter is guessed from the highest sequence seen (Appendix A), which
/// copes with reordering around a wrap; the guess becomes state only once the packet is authenticated.
/// </summary>
internal sealed class RolloverCounter
{
    private const int Half = 1 << 15;
    private uint _roc;
    private ushort _highestSequence;
    private bool _started;

    /// <summary>The index a packet with <paramref name="sequence"/> most likely has.</summary>
    public ulong Estimate(ushort sequence)
    {
        if (!_started)
        {
            return sequence;
        }
        long roc = _roc;
        if (_highestSequence < Half)
        {
            roc -= sequence - _highestSequence > Half ? 1 : 0;
        }
        else
        {
            roc += _highestSequence - Half > sequence ? 1 : 0;
        }
        return roc < 0 ? sequence : ((ulong)roc << 16) | sequence;
    }

    /// <summary>Moves the counter forward when an accepted index is the highest so far.</summary>
    public void Update(ulong index)
    {
        ulong highest = ((ulong)_roc << 16) | _highestSequence;
        if (_started && index <= highest)
        {
            return;
        }
        _started = true;
        _roc = (uint)(index >> 16);
        _highestSequence = (ushort)index;
    }
}
