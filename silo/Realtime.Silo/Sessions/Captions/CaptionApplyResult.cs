using Realtime.Shared.Captions;

namespace Realtime.Silo.Sessions.Captions;

/// <summary>
/// What one <see cref="CaptionAggregator.Apply"/> did: events taken and repeats skipped, the updates it produced
/// in seq order, and whether a settled (final or failed) segment changed, which is what must be persisted.
/// </summary>
public sealed record CaptionApplyResult(int Accepted, int Duplicates, IReadOnlyList<CaptionUpdate> Updates, bool SettledChanged);
