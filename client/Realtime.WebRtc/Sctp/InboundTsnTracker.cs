namespace Realtime.WebRtc.Sctp;

/// <summary>
/// Which of the peer's TSNs have arrived: the cumulative TSN plus the set received beyond it, from which
/// SACK gap blocks are built (RFC 9260 §6.2). TSNs are unwrapped to 64 bits relative to the cumulative
/// TSN, so serial-number wrap-around (the initial TSN is random) needs no special cases.
/// </summary>
internal sealed class InboundTsnTracker(uint peerInitialTsn)
{
    // Bounds the SACK so it always fits one packet next to data.
    private const int MaxGapBlocks = 64;
    private const int MaxDuplicates = 32;

    private readonly SortedSet<long> _above = [];
    private readonly List<uint> _duplicates = [];

    public long Cumulative { get; private set; } = (long)peerInitialTsn - 1;

    public bool HasGaps => _above.Count > 0;

    public long Unwrap(uint tsn) => Cumulative + (int)(tsn - (uint)Cumulative);

    public bool IsDuplicate(long tsn) => tsn <= Cumulative || _above.Contains(tsn);

    public void RecordDuplicate(uint tsn)
    {
        if (_duplicates.Count < MaxDuplicates)
        {
            _duplicates.Add(tsn);
        }
    }

    public void Add(long tsn)
    {
        _above.Add(tsn);
        Advance();
    }

    /// <summary>FORWARD-TSN: treat everything up to <paramref name="newCumulative"/> as received.</summary>
    public void ForwardTo(long newCumulative)
    {
        if (newCumulative <= Cumulative)
        {
            return;
        }
        Cumulative = newCumulative;
        _above.RemoveWhere(t => t <= newCumulative);
        Advance();
    }

    public SackChunk BuildSack(uint receiverWindow)
    {
        var blocks = new List<(ushort, ushort)>();
        long? start = null, end = null;
        foreach (long tsn in _above)
        {
            if (end == tsn - 1)
            {
                end = tsn;
                continue;
            }
            AddBlock(blocks, start, end);
            start = end = tsn;
        }
        AddBlock(blocks, start, end);
        var sack = new SackChunk((uint)Cumulative, receiverWindow, blocks, [.. _duplicates]);
        _duplicates.Clear();
        return sack;
    }

    private void AddBlock(List<(ushort, ushort)> blocks, long? start, long? end)
    {
        // Offsets are 16-bit; blocks too far ahead are left for a later SACK.
        if (start is { } s && end is { } e && blocks.Count < MaxGapBlocks && e - Cumulative <= ushort.MaxValue)
        {
            blocks.Add(((ushort)(s - Cumulative), (ushort)(e - Cumulative)));
        }
    }

    private void Advance()
    {
        while (_above.Count > 0 && _above.Min == Cumulative + 1)
        {
            _above.Remove(_above.Min);
            Cumulative++;
        }
    }
}
