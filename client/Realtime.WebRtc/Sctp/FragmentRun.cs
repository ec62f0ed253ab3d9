namespace Realtime.WebRtc.Sctp;

/// <summary>
/// The fragments of one ordered message collected so far, keyed by TSN. Fragments of a message carry
/// consecutive TSNs (RFC 9260 §6.9), so it is complete once it holds B through E with no hole.
/// </summary>
internal sealed class FragmentRun
{
    private readonly SortedList<long, DataChunk> _fragments = [];

    public int Bytes { get; private set; }

    public void Add(long tsn, DataChunk chunk)
    {
        if (_fragments.TryAdd(tsn, chunk))
        {
            Bytes += chunk.Payload.Length;
        }
    }

    public bool IsComplete =>
        _fragments.Count > 0
        && _fragments.Values[0].Beginning
        && _fragments.Values[^1].Ending
        && _fragments.Keys[^1] - _fragments.Keys[0] + 1 == _fragments.Count;

    public DataChunk First => _fragments.Values[0];

    public byte[] Assemble() => Join(_fragments.Values, Bytes);

    public static byte[] Join(IEnumerable<DataChunk> parts, int length)
    {
        var message = new byte[length];
        int offset = 0;
        foreach (DataChunk part in parts)
        {
            part.Payload.CopyTo(message, offset);
            offset += part.Payload.Length;
        }
        return message;
    }
}
