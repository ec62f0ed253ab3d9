namespace Realtime.WebRtc.Srtp;

/// <summary>
/// The sliding replay list of RFC 3711 §3.3.2: a bitmap of the last 64 indices seen, so a packet recorded
/// by an attacker and played again is refused, and one older than the window is refused as unknowable.
/// </summary>
internal sealed class ReplayWindow
{
    private const int Size = 64;
    private ulong _highest;
    private ulong _seen;
    private bool _started;

    /// <summary>Why <paramref name="index"/> must be refused, or <see cref="SrtpDropReason.None"/>.</summary>
    public SrtpDropReason Check(ulong index)
    {
        if (!_started || index > _highest)
        {
            return SrtpDropReason.None;
        }
        ulong age = _highest - index;
        if (age >= Size)
        {
            return SrtpDropReason.TooOld;
        }
        return (_seen & (1UL << (int)age)) != 0 ? SrtpDropReason.Replayed : SrtpDropReason.None;
    }

    /// <summary>Records an authenticated index; call only after <see cref="Check"/> passed and the tag verified.</summary>
    public void Accept(ulong index)
    {
        if (!_started)
        {
            _started = true;
            _highest = index;
            _seen = 1;
            return;
        }
        if (index > _highest)
        {
            ulong shift = index - _highest;
            _seen = shift >= Size ? 1 : (_seen << (int)shift) | 1;
            _highest = index;
            return;
        }
        _seen |= 1UL << (int)(_highest - index);
    }
}
