using Realtime.Client.Wire;

namespace Realtime.Client.Viewing;

/// <summary>
/// The viewer's resume rule, with no I/O. Captions that arrive while a Watch is on its way are held; the Watch
/// answer (every update after the viewer's seq, and the session's last seq) is applied first, then the held
/// captions; from then on each caption is applied as it comes. Only a seq above the last applied one is ever
/// applied, so the overlap between a catch-up and live captions, and repeats after a reconnect, drop out.
/// Not thread-safe: the viewer locks.
/// </summary>
internal sealed class CaptionSequencer(long afterSeq)
{
    private List<Caption>? _held;

    public long LastApplied { get; private set; } = afterSeq;

    /// <summary>A Watch is being sent: hold live captions until its answer.</summary>
    public void BeginWatch() => _held ??= [];

    /// <summary>A live caption; answers what to apply now (nothing while a Watch is pending, or a repeat).</summary>
    public IReadOnlyList<Caption> OnCaption(Caption caption)
    {
        if (_held is { } held)
        {
            held.Add(caption);
            return [];
        }
        return Accept(caption) ? [caption] : [];
    }

    /// <summary>The Watch answered: the catch-up, then the held captions, each only if newer; live from now on.</summary>
    public IReadOnlyList<Caption> CompleteWatch(WatchAnswer answer)
    {
        var applied = new List<Caption>();
        foreach (var update in (answer.Updates ?? []).OrderBy(u => u.Seq))
            if (Accept(update)) applied.Add(update);
        // The catch-up covers every change up to LastSeq: older held captions are superseded by it.
        LastApplied = Math.Max(LastApplied, answer.LastSeq ?? 0);
        foreach (var caption in (_held ?? []).OrderBy(c => c.Seq))
            if (Accept(caption)) applied.Add(caption);
        _held = null;
        return applied;
    }

    private bool Accept(Caption caption)
    {
        if (caption.Seq <= LastApplied) return false;
        LastApplied = caption.Seq;
        return true;
    }
}
