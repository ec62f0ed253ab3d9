using Realtime.WebRtc.Sctp;

namespace Realtime.WebRtc.Tests.Sctp;

/// <summary>
/// Two associations joined by a <see cref="LossyLink"/> and driven on a fake clock: time jumps straight to
/// the next delivery or timer, so minutes of protocol time cost milliseconds.
/// </summary>
internal sealed class SctpPair
{
    public SctpPair(LossyLink link, SctpOptions? options = null)
    {
        Link = link;
        Sides = [new SctpAssociation(options), new SctpAssociation(options)];
    }

    public LossyLink Link { get; }
    public SctpAssociation[] Sides { get; }
    public SctpAssociation A => Sides[0];
    public SctpAssociation B => Sides[1];
    public TimeSpan Now { get; private set; } = TimeSpan.FromSeconds(1);
    public List<SctpEvent>[] Events { get; } = [[], []];

    /// <summary>Runs until <paramref name="done"/> holds or nothing is left to happen; returns whether it held.</summary>
    public bool RunUntil(Func<bool> done, TimeSpan? limit = null)
    {
        TimeSpan deadline = Now + (limit ?? TimeSpan.FromMinutes(10));
        while (true)
        {
            Drain();
            if (done())
            {
                return true;
            }
            if (Link.TryReceive(Now, out int to, out byte[] packet))
            {
                Sides[to].HandlePacket(packet, Now);
                continue;
            }
            TimeSpan? next = Earliest(Link.NextDelivery, A.PollTimeout(), B.PollTimeout());
            if (next is null || next > deadline)
            {
                return done();
            }
            Now = next.Value > Now ? next.Value : Now;
            A.HandleTimeout(Now);
            B.HandleTimeout(Now);
        }
    }

    /// <summary>Lets virtual time pass, servicing timers and deliveries along the way.</summary>
    public void Advance(TimeSpan span)
    {
        TimeSpan until = Now + span;
        RunUntil(() => false, span);
        Now = until;
        A.HandleTimeout(Now);
        B.HandleTimeout(Now);
        Drain();
    }

    public IEnumerable<SctpEvent> Messages(int side) => Events[side].Where(e => e.Kind == SctpEventKind.Message);

    public bool Has(int side, SctpEventKind kind) => Events[side].Any(e => e.Kind == kind);

    private void Drain()
    {
        for (int i = 0; i < 2; i++)
        {
            while (Sides[i].TryPollTransmit(out byte[] packet))
            {
                Link.Send(i, packet, Now);
            }
            while (Sides[i].TryPollEvent(out SctpEvent e))
            {
                Events[i].Add(e);
            }
        }
    }

    private static TimeSpan? Earliest(params TimeSpan?[] times) => times.Where(t => t is not null).DefaultIfEmpty(null).Min();
}
