using System.Buffers.Binary;
using System.Text;

namespace Realtime.Silo.Users;

/// <summary>
/// A user's open sessions (session id → when its secret expires), kept twice: an index for lookups, and the
/// compact byte log that is persisted. Adding appends one entry to the log and closing flips one byte, so a
/// storage write copies the log instead of encoding every entry again; the log is rewritten without its closed
/// entries once they are the larger half.
/// <para>
/// An entry is <c>[state: 1 byte, 1 = open][id length: 2 bytes LE][id: UTF-8][expiry: UTC ticks, 8 bytes LE]</c>.
/// </para>
/// </summary>
public sealed class OpenSessionSet
{
    private const byte OpenEntry = 1;
    private const byte ClosedEntry = 0;
    private const int Overhead = 1 + 2 + 8;
    private const int CompactAbove = 4096;

    private readonly Dictionary<string, Slot> _index = new(StringComparer.Ordinal);
    private byte[] _log = [];
    private int _length;
    private int _closedBytes;

    public int Count => _index.Count;

    public IEnumerable<string> Ids => _index.Keys;

    public IEnumerable<DateTimeOffset> Expiries => _index.Values.Select(slot => Time(slot.ExpiresTicks));

    public bool Contains(string sessionId) => _index.ContainsKey(sessionId);

    /// <summary>Opens a session; false (and nothing changes) when it is already open.</summary>
    public bool Add(string sessionId, DateTimeOffset expiresAt)
    {
        ArgumentNullException.ThrowIfNull(sessionId);
        if (_index.ContainsKey(sessionId)) return false;
        var idLength = Encoding.UTF8.GetByteCount(sessionId);
        if (idLength > ushort.MaxValue) throw new ArgumentException("A session id is at most 65,535 bytes.", nameof(sessionId));

        var size = Overhead + idLength;
        Reserve(size);
        var entry = _log.AsSpan(_length, size);
        entry[0] = OpenEntry;
        BinaryPrimitives.WriteUInt16LittleEndian(entry[1..], (ushort)idLength);
        Encoding.UTF8.GetBytes(sessionId, entry.Slice(3, idLength));
        BinaryPrimitives.WriteInt64LittleEndian(entry[(3 + idLength)..], expiresAt.UtcTicks);
        _index.Add(sessionId, new Slot(expiresAt.UtcTicks, _length, size));
        _length += size;
        return true;
    }

    /// <summary>Closes a session; false when it was not open.</summary>
    public bool Remove(string sessionId)
    {
        if (!_index.Remove(sessionId, out var slot)) return false;
        _log[slot.Offset] = ClosedEntry;
        _closedBytes += slot.Size;
        if (_closedBytes > CompactAbove && _closedBytes * 2 > _length) Compact();
        return true;
    }

    /// <summary>The earliest secret expiry of the open sessions (a scan: only asked when refusing).</summary>
    public DateTimeOffset? EarliestExpiry()
    {
        if (_index.Count == 0) return null;
        var earliest = long.MaxValue;
        foreach (var slot in _index.Values) earliest = Math.Min(earliest, slot.ExpiresTicks);
        return Time(earliest);
    }

    /// <summary>The open sessions whose secrets expired by <paramref name="now"/>.</summary>
    public List<string> ExpiredBy(DateTimeOffset now) =>
        [.. _index.Where(s => s.Value.ExpiresTicks <= now.UtcTicks).Select(s => s.Key)];

    /// <summary>The log to persist: valid until the next change.</summary>
    public ReadOnlyMemory<byte> Encoded => _log.AsMemory(0, _length);

    /// <summary>Reads a persisted log (closed entries are skipped and dropped).</summary>
    public static OpenSessionSet Decode(ReadOnlySpan<byte> log)
    {
        var set = new OpenSessionSet();
        while (log.Length > 0)
        {
            if (log.Length < Overhead) throw Malformed();
            var idLength = BinaryPrimitives.ReadUInt16LittleEndian(log[1..]);
            var size = Overhead + idLength;
            if (log.Length < size) throw Malformed();
            if (log[0] == OpenEntry)
            {
                var id = Encoding.UTF8.GetString(log.Slice(3, idLength));
                set.Add(id, Time(BinaryPrimitives.ReadInt64LittleEndian(log[(3 + idLength)..])));
            }
            log = log[size..];
        }
        return set;
    }

    private static InvalidDataException Malformed() => new("The stored open-session log is truncated.");

    private static DateTimeOffset Time(long utcTicks) => new(utcTicks, TimeSpan.Zero);

    private void Reserve(int size)
    {
        if (_length + size <= _log.Length) return;
        Array.Resize(ref _log, Math.Max(_length + size, Math.Max(256, _log.Length * 2)));
    }

    private void Compact()
    {
        var log = new byte[Math.Max(256, (_length - _closedBytes) * 2)];
        var length = 0;
        foreach (var (id, slot) in _index.OrderBy(s => s.Value.Offset).ToList())
        {
            _log.AsSpan(slot.Offset, slot.Size).CopyTo(log.AsSpan(length));
            _index[id] = slot with { Offset = length };
            length += slot.Size;
        }
        (_log, _length, _closedBytes) = (log, length, 0);
    }

    private readonly record struct Slot(long ExpiresTicks, int Offset, int Size);
}
