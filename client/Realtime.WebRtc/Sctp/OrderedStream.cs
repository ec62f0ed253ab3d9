namespace Realtime.WebRtc.Sctp;

/// <summary>
/// One inbound stream's ordered messages, keyed by SSN, released strictly in SSN order (RFC 9260 §6.6).
/// SSNs are 16-bit and wrap, so "before" is decided by serial arithmetic on the difference.
/// </summary>
internal sealed class OrderedStream
{
    private readonly Dictionary<ushort, FragmentRun> _pending = [];
    private ushort _nextSsn;

    public int Bytes { get; private set; }

    public void Add(long tsn, DataChunk chunk, List<SctpEvent> delivered, int maxMessageSize)
    {
        if ((short)(chunk.Ssn - _nextSsn) < 0)
        {
            return; // Already delivered or skipped by FORWARD-TSN.
        }
        if (!_pending.TryGetValue(chunk.Ssn, out FragmentRun? run))
        {
            run = new FragmentRun();
            _pending[chunk.Ssn] = run;
        }
        int before = run.Bytes;
        run.Add(tsn, chunk);
        Bytes += run.Bytes - before;
        Release(delivered, maxMessageSize);
    }

    /// <summary>Abandon every message up to and including <paramref name="ssn"/>, then release what became deliverable.</summary>
    public void SkipThrough(ushort ssn, List<SctpEvent> delivered)
    {
        while ((short)(ssn - _nextSsn) >= 0)
        {
            if (_pending.Remove(_nextSsn, out FragmentRun? run))
            {
                Bytes -= run.Bytes;
            }
            _nextSsn++;
        }
        Release(delivered, int.MaxValue);
    }

    private void Release(List<SctpEvent> delivered, int maxMessageSize)
    {
        while (_pending.TryGetValue(_nextSsn, out FragmentRun? run) && run.IsComplete)
        {
            _pending.Remove(_nextSsn);
            Bytes -= run.Bytes;
            _nextSsn++;
            if (run.Bytes <= maxMessageSize)
            {
                DataChunk first = run.First;
                delivered.Add(SctpEvent.Message(first.StreamId, first.Ppid, run.Assemble(), false));
            }
        }
    }
}
