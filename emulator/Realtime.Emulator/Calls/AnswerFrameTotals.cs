namespace Realtime.Emulator.Calls;

/// <summary>
/// Answer audio frames the emulator's calls have sent, and how many of them went out a 20 ms tick or more after
/// they were due: how a load test tells whether the process still speaks in real time.
/// </summary>
public sealed record AnswerFrameTotals(long Played, long Late)
{
    public double LateShare => Played == 0 ? 0 : (double)Late / Played;
}
