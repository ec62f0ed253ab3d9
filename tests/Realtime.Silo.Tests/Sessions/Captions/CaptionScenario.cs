using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using Realtime.Shared.Captions;

namespace Realtime.Silo.Tests.Sessions.Captions;

/// <summary>
/// A random session for the property tests: a few segments, each with its deltas, one completed/done (whose
/// text may differ from the deltas), for user segments maybe a failed and the speech timings, plus events captions
/// ignore. <see cref="Stream"/> is every event in a random order (interleaved, finals before deltas, …) with random
/// resends mixed in (a resend may even come before its original); <see cref="BatchSizes"/> cuts it into publishes.
/// </summary>
public sealed record CaptionScenario(
    IReadOnlyList<CaptionEvent> Unique,
    IReadOnlyList<CaptionEvent> Stream,
    IReadOnlyList<int> BatchSizes,
    IReadOnlyDictionary<string, string> FinalTexts)
{
    /// <summary>The stream with every repeat of an event id removed: what a speaker that never resends would send.</summary>
    public IReadOnlyList<CaptionEvent> Deduplicated => Stream.DistinctBy(e => e.EventId).ToList();

    public int Resends => Stream.Count - Unique.Count;

    /// <summary>The stream cut into publishes.</summary>
    public IEnumerable<IReadOnlyList<CaptionEvent>> Batches(IReadOnlyList<CaptionEvent> events)
    {
        for (int at = 0, i = 0; at < events.Count; i++)
        {
            var size = BatchSizes[i % BatchSizes.Count];
            yield return events.Skip(at).Take(size).ToList();
            at += size;
        }
    }

    public override string ToString() =>
        $"batches [{string.Join(",", BatchSizes)}], stream:{Environment.NewLine}" +
        string.Join(Environment.NewLine, Stream.Select(e => $"  {e.EventId} {e.Kind} {e.ItemId}:{e.ContentIndex} {e.Text ?? e.AudioMs?.ToString(CultureInfo.InvariantCulture)}"));
}

/// <summary>FsCheck arbitraries for <see cref="CaptionScenario"/>.</summary>
public static class CaptionScenarios
{
    private sealed record Plan(bool User, int ContentIndex, string[] Deltas, bool FinalDiffers, bool Fails, int StartMs, int LengthMs);

    public static Arbitrary<CaptionScenario> Scenario() => Arb.From(Scenarios);

    private static readonly Gen<Plan> Plans =
        from user in Gen.Elements(true, false)
        from index in Gen.Elements(0, 0, 1)
        from count in Gen.Choose(0, 5)
        from deltas in Gen.Elements("He", "llo", " wor", "ld", "!", "ça", " ", "").ArrayOf(count)
        from differs in Gen.Elements(false, false, true)
        from fails in Gen.Elements(false, false, true)
        from start in Gen.Choose(0, 600_000)
        from length in Gen.Choose(1, 20_000)
        select new Plan(user, index, deltas, differs, fails, start, length);

    private static readonly Gen<CaptionScenario> Scenarios =
        from segments in Gen.Choose(1, 5)
        from plans in Plans.ListOf(segments)
        from noise in Gen.Choose(0, 3)
        let built = Build(plans, noise)
        from resent in Gen.SubListOf<CaptionEvent>(built.Events)
        from stream in Gen.Shuffle<CaptionEvent>([.. built.Events, .. resent])
        from sizes in Gen.Choose(1, 7).ListOf(8)
        select new CaptionScenario(built.Events, stream, sizes, built.Finals);

    private static (List<CaptionEvent> Events, Dictionary<string, string> Finals) Build(IReadOnlyList<Plan> plans, int noise)
    {
        var events = new List<CaptionEvent>();
        var finals = new Dictionary<string, string>();
        var n = 0;
        string Id() => $"e{n++}";

        for (var k = 0; k < plans.Count; k++)
        {
            var (plan, item) = (plans[k], $"item_{k}");
            var final = (plan.FinalDiffers ? "Final: " : "") + string.Concat(plan.Deltas);
            finals[$"{item}:{plan.ContentIndex}"] = final;

            foreach (var delta in plan.Deltas)
            {
                events.Add(plan.User ? Events.UserDelta(Id(), item, delta, plan.ContentIndex) : Events.AssistantDelta(Id(), item, delta, plan.ContentIndex));
            }

            events.Add(plan.User ? Events.UserCompleted(Id(), item, final, plan.ContentIndex) : Events.AssistantDone(Id(), item, final, plan.ContentIndex));
            if (!plan.User) continue;
            if (plan.Fails) events.Add(Events.UserFailed(Id(), item, plan.ContentIndex));
            events.Add(Events.SpeechStarted(Id(), item, plan.StartMs));
            events.Add(Events.SpeechStopped(Id(), item, plan.StartMs + plan.LengthMs));
        }

        for (var i = 0; i < noise; i++)
        {
            events.Add(i % 2 == 0 ? Events.Ignored(Id()) : Events.Error(Id()));
        }

        return (events, finals);
    }
}
