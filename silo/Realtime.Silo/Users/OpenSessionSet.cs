using System.Buffers.Binary;
using System.Text;

namespace Realtime.Silo.Users;

/// <summary>
/// A user's open sessions, in two parts sized so that a storage write costs the same however many secrets the
/// user holds:
/// <list type="bullet">
/// <item>Issued sessions (minted, not yet live) are counted by the second their secret expires
/// (<see cref="SecondRuns"/>, at most one run per second of the secrets' lifetime). Their ids are not needed: an
/// issued session that never goes live is over when its secret expires, since nobody can start a call with an
/// expired secret, so the clock alone closes it (<see cref="DropExpiredIssued"/>), counting it until
/// <c>⌈expiry⌉</c>, on the safe side. When one goes live or closes early, its session says so with its expiry.</item>
/// <item>Live sessions are kept by id (session id → when its secret expired): they stay open until their session
/// says it is over, or until the user grain asks it (<see cref="Overdue"/>).</item>
/// </list>
/// The live sessions are kept twice: an index for lookups, and the compact byte log that is persisted. Adding
/// appends one entry to the log and closing flips one byte, so a storage write copies the log instead of encoding
/// every entry again; the log is rewritten without its closed entries once they are the larger half.
/// <para>
/// A log entry is <c>[state: 1 byte, 1 = open][id length: 2 bytes LE][id: UTF-8][expiry: UTC ticks, 8 bytes LE]</c>.
/// </para>
/// </summary>
public sealed class OpenSessionSet
{
    private const byte OpenEntry = 1;
    private const byte ClosedEntry = 0;
    private const int Overhead = 1 + 2 + 8;
    private const int CompactAbove = 4096;

    private readonly Dictionary<string, Slot> _live = new(StringComparer.Ordinal);
    private readonly SecondRuns _issued;
    private byte[] _log = [];
    private int _length;
    private int _closedBytes;

    /// <summary>Takes the persisted issued runs (ascending seconds) and keeps using the same list.</summary>
    public OpenSessionSet(List<SecondRun>? issuedRuns = null) => _issued = new SecondRuns(issuedRuns);

    /// <summary>Every open session: issued and live.</summary>
    public int Count => _live.Count + _issued.Total;

    public int IssuedCount => _issued.Total;

    /// <summary>The live sessions' ids.</summary>
    public IEnumerable<string> LiveIds => _live.Keys;

    public bool IsLive(string sessionId) => _live.ContainsKey(sessionId);

    /// <summary>Counts a newly issued session until its secret expires.</summary>
    public void AddIssued(DateTimeOffset expiresAt) => _issued.Add(SecondRuns.SecondOf(expiresAt));

    /// <summary>An issued session went live or closed before its secret expired; false when none was counted for that expiry.</summary>
    public bool RemoveIssued(DateTimeOffset expiresAt) => _issued.RemoveOne(SecondRuns.SecondOf(expiresAt));

    /// <summary>Closes the issued sessions whose secret expired by <paramref name="now"/>; answers how many.</summary>
    public int DropExpiredIssued(DateTimeOffset now) =>
        _issued.DropThrough((now.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / TimeSpan.TicksPerSecond);

    /// <summary>Opens a live session; false (and nothing changes) when it is open already.</summary>
    public bool AddLive(string sessionId, DateTimeOffset expiresAt)
    {
        ArgumentNullException.ThrowIfNull(sessionId);
        if (_live.ContainsKey(sessionId)) return false;
        var idLength = Encoding.UTF8.GetByteCount(sessionId);
        if (idLength > ushort.MaxValue) throw new ArgumentException("A session id is at most 65,535 bytes.", nameof(sessionId));

        var size = Overhead + idLength;
        Reserve(size);
        var entry = _log.AsSpan(_length, size);
        entry[0] = OpenEntry;
        BinaryPrimitives.WriteUInt16LittleEndian(entry[1..], (ushort)idLength);
        Encoding.UTF8.GetBytes(sessionId, entry.Slice(3, idLength));
        BinaryPrimitives.WriteInt64LittleEndian(entry[(3 + idLength)..], expiresAt.UtcTicks);
        _live.Add(sessionId, new Slot(expiresAt.UtcTicks, _length, size));
        _length += size;
        return true;
    }

    /// <summary>Closes a live session; false when it was not open.</summary>
    public bool RemoveLive(string sessionId)
    {
        if (!_live.Remove(sessionId, out var slot)) return false;
        _log[slot.Offset] = ClosedEntry;
        _closedBytes += slot.Size;
        if (_closedBytes > CompactAbove && _closedBytes * 2 > _length) Compact();
        return true;
    }

    /// <summary>The earliest secret expiry of the open sessions (a scan of the live ones: only asked when refusing).</summary>
    public DateTimeOffset? EarliestExpiry()
    {
        var earliest = _issued.FirstSecond is { } second ? SecondRuns.TimeOf(second).UtcTicks : long.MaxValue;
        foreach (var slot in _live.Values) earliest = Math.Min(earliest, slot.ExpiresTicks);
        return earliest == long.MaxValue ? null : Time(earliest);
    }

    /// <summary>
    /// The live sessions whose secrets expired by <paramref name="now"/>: those whose closing the user grain may
    /// have missed (issued ones are closed by the clock).
    /// </summary>
    public List<string> Overdue(DateTimeOffset now) =>
        [.. _live.Where(s => s.Value.ExpiresTicks <= now.UtcTicks).Select(s => s.Key)];

    /// <summary>The live sessions' log to persist: valid until the next change.</summary>
    public ReadOnlyMemory<byte> Encoded => _log.AsMemory(0, _length);

    /// <summary>The issued sessions' runs to persist: the list this set keeps using.</summary>
    public List<SecondRun> IssuedRuns => _issued.Runs;

    /// <summary>Reads a persisted log (closed entries are skipped and dropped) and the issued runs.</summary>
    public static OpenSessionSet Decode(ReadOnlySpan<byte> log, List<SecondRun>? issuedRuns = null)
    {
        var set = new OpenSessionSet(issuedRuns);
        while (log.Length > 0)
        {
            if (log.Length < Overhead) throw Malformed();
            var idLength = BinaryPrimitives.ReadUInt16LittleEndian(log[1..]);
            var size = Overhead + idLength;
            if (log.Length < size) throw Malformed();
            if (log[0] == OpenEntry)
            {
                var id = Encoding.UTF8.GetString(log.Slice(3, idLength));
                set.AddLive(id, Time(BinaryPrimitives.ReadInt64LittleEndian(log[(3 + idLength)..])));
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
        foreach (var (id, slot) in _live.OrderBy(s => s.Value.Offset).ToList())
        {
            _log.AsSpan(slot.Offset, slot.Size).CopyTo(log.AsSpan(length));
            _live[id] = slot with { Offset = length };
            length += slot.Size;
        }
        (_log, _length, _closedBytes) = (log, length, 0);
    }

    private readonly record struct Slot(long ExpiresTicks, int Offset, int Size);
}
