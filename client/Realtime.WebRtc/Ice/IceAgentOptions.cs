namespace Realtime.WebRtc.Ice;

/// <summary>How an <see cref="IceAgent"/> behaves; the timings default to the RFCs' values.</summary>
public sealed record IceAgentOptions
{
    /// <summary>The starting role: the offerer controls, and so does whoever faces an ICE-lite peer. Ignored when <see cref="Lite"/>.</summary>
    public IceRole Role { get; init; } = IceRole.Controlling;

    /// <summary>ICE-lite (RFC 8445 §2.5): never sends checks, only answers them; always controlled.</summary>
    public bool Lite { get; init; }

    /// <summary>Our ufrag/pwd; generated when null.</summary>
    public IceCredentials? LocalCredentials { get; init; }

    /// <summary>The 64-bit role-conflict tie-breaker; random when null.</summary>
    public ulong? TieBreaker { get; init; }

    /// <summary>A seeded source makes ids, tie-breaker and jitter reproducible in tests; null uses secure randomness.</summary>
    public Random? Random { get; init; }

    /// <summary>Ta, the pacing between new checks (RFC 8445 §14.2).</summary>
    public TimeSpan CheckInterval { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>First retransmission timeout; RFC 8445 §14.3 forbids less than 500 ms.</summary>
    public TimeSpan InitialRto { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The doubling RTO stops growing here, so a late answer is still caught within seconds.</summary>
    public TimeSpan MaxRto { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Transmissions of one check before its pair is failed (Rc in RFC 8489).</summary>
    public int MaxCheckTransmissions { get; init; } = 7;

    /// <summary>Basic consent period; each wait is randomized to 0.8–1.2 times it (RFC 7675 §5.1).</summary>
    public TimeSpan ConsentInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>A selected path with no proof of life for this long is Failed (RFC 7675: 30 s).</summary>
    public TimeSpan ConsentTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Silence after which the state shows Disconnected (it recovers on the next sign of life).</summary>
    public TimeSpan DisconnectedTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>No pair selected this long after the agent started: Failed.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Cap on candidate pairs (RFC 8445 §6.1.2.5 suggests 100).</summary>
    public int MaxPairs { get; init; } = 100;
}
