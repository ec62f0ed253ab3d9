using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace Realtime.Silo.Sessions.Captions;

/// <summary>
/// The event ids seen lately, so a resent batch is recognised. Bounded: it remembers at least the last
/// <c>capacity</c> ids and at most twice that, in two generations (the older is dropped whole when the newer
/// fills). Ids are kept as 64-bit hashes (about 20 bytes each instead of about 100 for the string): a false
/// "seen" needs a hash collision among a few tens of thousands of ids, about one chance in 10^10.
/// </summary>
internal sealed class EventIdWindow(int capacity)
{
    private readonly int _generation = capacity > 0 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity));
    private HashSet<ulong> _current = [];
    private HashSet<ulong> _previous = [];

    /// <summary>False when the id was seen already (a duplicate).</summary>
    public bool Add(string eventId)
    {
        var hash = XxHash3.HashToUInt64(MemoryMarshal.AsBytes(eventId.AsSpan()));
        if (_previous.Contains(hash) || _current.Contains(hash)) return false;

        if (_current.Count >= _generation)
        {
            _previous = _current;
            _current = [];
        }

        _current.Add(hash);
        return true;
    }
}
