using Realtime.Shared.Captions;

namespace Realtime.Silo.Sessions.Captions;

/// <summary>
/// Folds a session's caption events into segments, as a pure state machine fed with events and the current
/// time (the session grain is its thin driver). The rules:
/// <list type="bullet">
/// <item>A segment is an item's content index ("{item_id}:{content_index}"), role user (input transcription) or
/// assistant (output transcript or text).</item>
/// <item>Deltas append to a partial segment; completed/done sets the final text (a later one with other text
/// replaces it again); failed marks a partial segment failed. Deltas to a settled (final or failed) segment
/// are ignored, so events out of order still end on the final text.</item>
/// <item>speech_started/stopped timings belong to the item's user segments, also when they arrive first.</item>
/// <item>A diarized segment (…input_audio_transcription.segment) is a final user segment of its own with its
/// speaker, its times (seconds into the item's audio) moved onto the session's clock by the item's speech start
/// when known. Once an item has one, its deltas and completed text (the same words again) start no other segment.</item>
/// <item>committed's previous_item_id places the item's user segments in the conversation
/// (<see cref="ConversationOrder"/>), since a transcription may finish after the reply.</item>
/// <item>A repeated event id changes nothing; unknown types change nothing.</item>
/// <item>Every change gets the next seq, and every update carries the segment's whole text.</item>
/// </list>
/// </summary>
public sealed class CaptionAggregator
{
    /// <summary>At least this many recent event ids are remembered for dedupe.</summary>
    public const int DefaultEventIdMemory = 20_000;

    private readonly string _sessionId;
    private readonly Dictionary<string, Segment> _segments = new(StringComparer.Ordinal);
    private readonly List<Segment> _ordered = [];

    // Timings of items that have no user segment yet, handed to the segment when it appears.
    private readonly Dictionary<string, (long? StartMs, long? EndMs)> _pendingTimings = new(StringComparer.Ordinal);
    private readonly EventIdWindow _seen;

    // Each committed user item's previous item ("" when it opens the conversation), and the items transcribed with diarization.
    private readonly Dictionary<string, string> _previousItems = new(StringComparer.Ordinal);
    private readonly HashSet<string> _diarizedItems = new(StringComparer.Ordinal);

    public CaptionAggregator(string sessionId, long lastSeq = 0, int eventIdMemory = DefaultEventIdMemory)
    {
        ArgumentException.ThrowIfNullOrEmpty(sessionId);
        ArgumentOutOfRangeException.ThrowIfNegative(lastSeq);
        _sessionId = sessionId;
        LastSeq = lastSeq;
        _seen = new EventIdWindow(eventIdMemory);
    }

    /// <summary>The seq of the last change (or the floor it started from): every seq handed out is at most this.</summary>
    public long LastSeq { get; private set; }

    /// <summary>Events taken (duplicates not counted).</summary>
    public int EventCount { get; private set; }

    public int SegmentCount => _ordered.Count;

    /// <summary>When the first event arrived.</summary>
    public DateTimeOffset? FirstEventAt { get; private set; }

    /// <summary>
    /// An aggregator carrying on from persisted state: the settled segments, and a floor above every seq the
    /// previous one may have handed out, so new seqs are higher than all of them.
    /// </summary>
    public static CaptionAggregator Restore(string sessionId, long seqFloor, IEnumerable<CaptionSegment> settled,
        DateTimeOffset? firstEventAt, int eventCount, int eventIdMemory = DefaultEventIdMemory)
    {
        ArgumentNullException.ThrowIfNull(settled);
        var aggregator = new CaptionAggregator(sessionId, seqFloor, eventIdMemory)
        {
            FirstEventAt = firstEventAt,
            EventCount = eventCount,
        };
        foreach (var segment in settled)
        {
            var restored = Segment.From(segment);
            aggregator.Add(restored);
            if (restored.PreviousItemId is { } previous) aggregator._previousItems[restored.ItemId] = previous;
            if (restored.IsDiarized) aggregator._diarizedItems.Add(restored.ItemId);
            aggregator.LastSeq = Math.Max(aggregator.LastSeq, segment.Seq);
        }

        return aggregator;
    }

    /// <summary>
    /// Applies events in order at <paramref name="now"/> and returns the updates they produced, in seq order.
    /// Throws <see cref="ArgumentException"/> (applying nothing) for an event that lacks what its kind needs.
    /// </summary>
    public CaptionApplyResult Apply(IReadOnlyList<CaptionEvent> events, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (Validate(events) is { } error) throw new ArgumentException(error, nameof(events));

        var updates = new List<CaptionUpdate>();
        int accepted = 0, duplicates = 0;
        var settledChanged = false;
        foreach (var e in events)
        {
            if (!_seen.Add(e.EventId))
            {
                duplicates++;
                continue;
            }

            accepted++;
            FirstEventAt ??= now;
            foreach (var changed in Fold(e, now))
            {
                changed.Seq = ++LastSeq;
                changed.UpdatedAt = now;
                settledChanged |= changed.IsSettled;
                updates.Add(changed.ToUpdate(_sessionId));
            }
        }

        EventCount += accepted;
        return new CaptionApplyResult(accepted, duplicates, updates, settledChanged);
    }

    /// <summary>
    /// The catch-up after <paramref name="afterSeq"/>: the latest update of every segment whose last change is
    /// later, in seq order (each segment once; partials coalesced into their newest, every final present).
    /// </summary>
    public IReadOnlyList<CaptionUpdate> UpdatesAfter(long afterSeq) =>
        _ordered.Where(s => s.Seq > afterSeq).OrderBy(s => s.Seq).Select(s => s.ToUpdate(_sessionId)).ToList();

    /// <summary>Every segment, in conversation order (<see cref="ConversationOrder"/>).</summary>
    public IReadOnlyList<CaptionSegment> Segments() => ConversationOrder.Arrange(_ordered).Select(s => s.ToSegment()).ToList();

    /// <summary>The final and failed segments, in order of first appearance: what is persisted.</summary>
    public IReadOnlyList<CaptionSegment> SettledSegments() => _ordered.Where(s => s.IsSettled).Select(s => s.ToSegment()).ToList();

    // The segments an event changed (none, one, or for a timing every user segment of its item).
    private IEnumerable<Segment> Fold(CaptionEvent e, DateTimeOffset now)
    {
        switch (e.Kind)
        {
            case CaptionEventKind.UserDelta or CaptionEventKind.UserCompleted or CaptionEventKind.UserFailed when IsTranscribedBySegments(e):
                break;

            case CaptionEventKind.UserDelta or CaptionEventKind.AssistantDelta:
            {
                var segment = GetOrAdd(e, now, out var created);
                if (!segment.IsSettled && !string.IsNullOrEmpty(e.Text))
                {
                    segment.Text += e.Text;
                    yield return segment;
                }
                else if (created)
                {
                    yield return segment;
                }

                break;
            }

            case CaptionEventKind.UserCompleted or CaptionEventKind.AssistantDone:
            {
                var segment = GetOrAdd(e, now, out _);
                if (segment.Kind != CaptionKind.Final || segment.Text != e.Text)
                {
                    segment.Kind = CaptionKind.Final;
                    segment.Text = e.Text!;
                    yield return segment;
                }

                break;
            }

            case CaptionEventKind.UserFailed:
            {
                var segment = GetOrAdd(e, now, out _);
                if (segment.Kind == CaptionKind.Partial)
                {
                    segment.Kind = CaptionKind.Failed;
                    yield return segment;
                }

                break;
            }

            case CaptionEventKind.SpeechStarted or CaptionEventKind.SpeechStopped:
            {
                var started = e.Kind == CaptionEventKind.SpeechStarted;
                var found = false;
                foreach (var segment in _ordered)
                {
                    if (segment.Role != CaptionRole.User || segment.ItemId != e.ItemId || segment.IsDiarized) continue;
                    found = true;
                    if ((started ? segment.StartMs : segment.EndMs) == e.AudioMs) continue;
                    if (started) segment.StartMs = e.AudioMs;
                    else segment.EndMs = e.AudioMs;
                    yield return segment;
                }

                if (!found)
                {
                    var pending = _pendingTimings.GetValueOrDefault(e.ItemId!);
                    _pendingTimings[e.ItemId!] = started ? pending with { StartMs = e.AudioMs } : pending with { EndMs = e.AudioMs };
                }

                break;
            }

            case CaptionEventKind.UserSegment:
            {
                if (FoldDiarized(e, now) is { } segment) yield return segment;
                break;
            }

            case CaptionEventKind.Committed:
            {
                foreach (var segment in Place(e.ItemId!, e.PreviousItemId)) yield return segment;
                break;
            }

            // Error and Ignored: counted, nothing else.
        }
    }

    private Segment GetOrAdd(CaptionEvent e, DateTimeOffset now, out bool created)
    {
        var id = Segment.IdOf(e.ItemId!, e.ContentIndex);
        created = !_segments.TryGetValue(id, out var segment);
        if (segment is not null) return segment;

        var role = e.Kind is CaptionEventKind.UserDelta or CaptionEventKind.UserCompleted or CaptionEventKind.UserFailed
            ? CaptionRole.User
            : CaptionRole.Assistant;
        segment = new Segment(id, e.ItemId!, role, now);
        if (role == CaptionRole.User)
        {
            if (TimingsOf(e.ItemId!) is { } timings) (segment.StartMs, segment.EndMs) = timings;
            segment.PreviousItemId = _previousItems.GetValueOrDefault(e.ItemId!);
        }

        Add(segment);
        return segment;
    }

    // An item transcribed with diarization is captioned by its diarized segments, unless it had a segment before them.
    private bool IsTranscribedBySegments(CaptionEvent e) =>
        _diarizedItems.Contains(e.ItemId!) && !_segments.ContainsKey(Segment.IdOf(e.ItemId!, e.ContentIndex));

    private Segment? FoldDiarized(CaptionEvent e, DateTimeOffset now)
    {
        _diarizedItems.Add(e.ItemId!);
        var id = Segment.IdOf(e.ItemId!, e.ContentIndex, e.PartId!);
        var offset = ItemSpeechStart(e.ItemId!) ?? 0;
        var (start, end) = (offset + e.AudioMs, offset + e.EndMs);
        if (_segments.TryGetValue(id, out var segment)
            && (segment.Text, segment.Speaker, segment.StartMs, segment.EndMs) == (e.Text, e.Speaker, start, end))
            return null;

        if (segment is null)
        {
            segment = new Segment(id, e.ItemId!, CaptionRole.User, now) { PreviousItemId = _previousItems.GetValueOrDefault(e.ItemId!) };
            Add(segment);
        }

        segment.Kind = CaptionKind.Final;
        (segment.Text, segment.Speaker, segment.StartMs, segment.EndMs) = (e.Text!, e.Speaker, start, end);
        return segment;
    }

    // Where the item's speech began on the session's audio clock, if a speech_started said so.
    private long? ItemSpeechStart(string itemId) =>
        _pendingTimings.TryGetValue(itemId, out var pending) ? pending.StartMs
        : _ordered.FindLast(s => s.ItemId == itemId && !s.IsDiarized)?.StartMs;

    // The user segments of an item now placed after another item.
    private List<Segment> Place(string itemId, string? previousItemId)
    {
        if (previousItemId is null) return [];
        _previousItems[itemId] = previousItemId;
        var moved = _ordered.Where(s => s.ItemId == itemId && s.Role == CaptionRole.User && s.PreviousItemId != previousItemId).ToList();
        foreach (var segment in moved) segment.PreviousItemId = previousItemId;
        return moved;
    }

    // Timings for a new user segment of an item: those that arrived before any segment, else a sibling's.
    private (long? StartMs, long? EndMs)? TimingsOf(string itemId)
    {
        if (_pendingTimings.Remove(itemId, out var pending)) return pending;
        var sibling = _ordered.FindLast(s => s.Role == CaptionRole.User && s.ItemId == itemId && !s.IsDiarized);
        return sibling is null ? null : (sibling.StartMs, sibling.EndMs);
    }

    private void Add(Segment segment)
    {
        _segments.Add(segment.Id, segment);
        _ordered.Add(segment);
    }

    private static string? Validate(IReadOnlyList<CaptionEvent> events)
    {
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            var problem = e switch
            {
                null => "is null",
                { EventId: null or "" } => "has no event id",
                { Kind: CaptionEventKind.Ignored or CaptionEventKind.Error } => null,
                { ItemId: null or "" } => "has no item id",
                { ContentIndex: < 0 } => "has a negative content index",
                { Kind: CaptionEventKind.UserCompleted or CaptionEventKind.AssistantDone, Text: null } => "has no final text",
                { Kind: CaptionEventKind.SpeechStarted or CaptionEventKind.SpeechStopped, AudioMs: null or < 0 } => "has no audio time",
                { Kind: CaptionEventKind.UserSegment, Text: null } or { Kind: CaptionEventKind.UserSegment, PartId: null or "" }
                    or { Kind: CaptionEventKind.UserSegment, Speaker: null or "" } => "is a diarized segment without text, id or speaker",
                { Kind: CaptionEventKind.UserSegment, AudioMs: null or < 0 } or { Kind: CaptionEventKind.UserSegment, EndMs: null or < 0 }
                    => "is a diarized segment without its times",
                _ => null,
            };
            if (problem is not null) return $"event {i} {problem}";
        }

        return null;
    }
}
