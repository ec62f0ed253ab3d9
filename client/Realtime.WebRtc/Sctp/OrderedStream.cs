namespace Realtime.WebRtc.Sctp;

/// <summary>
/// One inbound stream's ordered messages, keyed by SSN, released strictly in SSN order (RFC 9260 §6.6).
/// SSNs are 16-bit and wrap, so "before" is decided by serial arithmetic on the difference.
/// </summary>
internal sealed class OrderedStream
{
    private readonly Dictionary<ushort, FragmentRun> pending = [];
    private ushort nextSsn;

    public int Bytes { get; private set; }

    public void Add(long tsn, DataChunk chunk, List<SctpEvent> delivered, int maxMessageSize)
    {
        if ((short)(chunk.Ssn - nextSsn) < 0)
        {
            return; // Already delivered or skipped by FORWARD-TSN.
        }
        if (!pending.TryGetValue(chunk.Ssn, out FragmentRun? run))
        {
            run = new FragmentRun();
            pending[chunk.Ssn] = run;
        }
        int before = run.Bytes;
        run.Add(tsn, chunk);
        Bytes += run.Bytes - before;
        Release(delivered, maxMessageSize);
    }

    /// <summary>Abandon every message up to and including <paramref name="ssn"/>, then release what became deliverable.</summary>
    public void SkipThrough(ushort ssn, List<SctpEvent> delivered)
    {
        while ((short)(ssn - nextSsn) >= 0)
        {
            if (pending.Remove(nextSsn, out FragmentRun? run))
            {
                Bytes -= run.Bytes;
            }
            nextSsn++;
        }
        Release(delivered, int.MaxValue);
    }

    private void Release(List<SctpEvent> delivered, int maxMessageSize)
    {
        while (pending.TryGetValue(nextSsn, out FragmentRun? run) && run.IsComplete)
        {
            pending.Remove(nextSsn);
            Bytes -= run.Bytes;
            nextSsn++;
            if (run.Bytes <= maxMessageSize)
            {
                DataChunk first = run.First;
                delivered.Add(SctpEvent.Message(first.StreamId, first.Ppid, run.Assemble(), false));
            }
        }
    }
}
