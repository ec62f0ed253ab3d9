namespace Realtime.WebRtc.Sctp;

/// <summary>
/// Turns accepted DATA chunks into user messages (RFC 9260 §6.5, §6.6, §6.9): ordered messages wait for
/// their stream's next SSN; unordered ones are delivered as soon as all their fragments are present.
/// </summary>
internal sealed class SctpReassembler(int maxMessageSize)
{
    private readonly Dictionary<ushort, OrderedStream> _streams = [];
    private readonly SortedList<long, DataChunk> _unordered = [];
    private int _unorderedBytes;

    /// <summary>Payload bytes held waiting for missing fragments or earlier messages; they shrink the advertised window.</summary>
    public long BufferedBytes => _unorderedBytes + _streams.Values.Sum(s => (long)s.Bytes);

    public void Add(long tsn, DataChunk chunk, List<SctpEvent> delivered)
    {
        if (chunk.Unordered)
        {
            AddUnordered(tsn, chunk, delivered);
        }
        else
        {
            Stream(chunk.StreamId).Add(tsn, chunk, delivered, maxMessageSize);
        }
    }

    /// <summary>FORWARD-TSN: forget fragments at or below the new cumulative TSN and skip the listed SSNs.</summary>
    public void Forward(long newCumulative, IEnumerable<(ushort Stream, ushort Ssn)> skipped, List<SctpEvent> delivered)
    {
        while (_unordered.Count > 0 && _unordered.Keys[0] <= newCumulative)
        {
            _unorderedBytes -= _unordered.Values[0].Payload.Length;
            _unordered.RemoveAt(0);
        }
        foreach (var (stream, ssn) in skipped)
        {
            Stream(stream).SkipThrough(ssn, delivered);
        }
    }

    /// <summary>Stream reset (RFC 6525 §5.2.2): the next message on these streams has SSN 0 again.</summary>
    public void Reset(IReadOnlyList<ushort> streamIds)
    {
        foreach (ushort id in streamIds.Count == 0 ? [.. _streams.Keys] : streamIds)
        {
            _streams.Remove(id);
        }
    }

    private OrderedStream Stream(ushort id)
    {
        if (!_streams.TryGetValue(id, out OrderedStream? stream))
        {
            stream = new OrderedStream();
            _streams[id] = stream;
        }
        return stream;
    }

    private void AddUnordered(long tsn, DataChunk chunk, List<SctpEvent> delivered)
    {
        if (!_unordered.TryAdd(tsn, chunk))
        {
            return;
        }
        _unorderedBytes += chunk.Payload.Length;
        if (FindUnorderedMessage(tsn) is not var (first, last))
        {
            return;
        }
        var parts = new List<DataChunk>();
        int length = 0;
        for (long t = first; t <= last; t++)
        {
            DataChunk part = _unordered[t];
            parts.Add(part);
            length += part.Payload.Length;
            _unordered.Remove(t);
        }
        _unorderedBytes -= length;
        if (length <= maxMessageSize)
        {
            delivered.Add(SctpEvent.Message(chunk.StreamId, chunk.Ppid, FragmentRun.Join(parts, length), true));
        }
    }

    /// <summary>Walks outwards from <paramref name="tsn"/> to the B and E fragments, requiring every TSN between.</summary>
    private (long First, long Last)? FindUnorderedMessage(long tsn)
    {
        long first = tsn;
        while (!_unordered[first].Beginning)
        {
            if (!_unordered.ContainsKey(first - 1) || _unordered[first - 1].Ending)
            {
                return null;
            }
            first--;
        }
        long last = tsn;
        while (!_unordered[last].Ending)
        {
            if (!_unordered.ContainsKey(last + 1) || _unordered[last + 1].Beginning)
            {
                return null;
            }
            last++;
        }
        return (first, last);
    }
}
