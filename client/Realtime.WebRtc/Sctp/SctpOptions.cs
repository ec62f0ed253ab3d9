namespace Realtime.WebRtc.Sctp;

/// <summary>Tunables of an <see cref="SctpAssociation"/>. Defaults follow WebRTC practice (RFC 8831) rather than RFC 9260's conservative ones.</summary>
public sealed class SctpOptions
{
    /// <summary>Local SCTP port; WebRTC's <c>a=sctp-port</c> is 5000 almost everywhere.</summary>
    public ushort LocalPort { get; init; } = 5000;

    public ushort RemotePort { get; init; } = 5000;

    /// <summary>Largest SCTP packet. 1200 plus DTLS and UDP overhead stays under every path MTU WebRTC meets.</summary>
    public int Mtu { get; init; } = 1200;

    /// <summary>Advertised receiver window; must exceed the largest message so reassembly can always finish.</summary>
    public uint ReceiveWindow { get; init; } = 1024 * 1024;

    /// <summary>Outbound and maximum inbound streams announced in INIT.</summary>
    public ushort Streams { get; init; } = 65535;

    public TimeSpan RtoInitial { get; init; } = TimeSpan.FromSeconds(1);
    public TimeSpan RtoMin { get; init; } = TimeSpan.FromMilliseconds(200);
    public TimeSpan RtoMax { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Association.Max.Retrans: consecutive timeouts before the peer is declared unreachable.</summary>
    public int MaxRetransmissions { get; init; } = 10;

    /// <summary>Max.Init.Retransmits for INIT and COOKIE-ECHO.</summary>
    public int MaxInitRetransmissions { get; init; } = 8;

    /// <summary>Longest a SACK is held back waiting for a second DATA packet (RFC 9260 §6.2: at most 500 ms).</summary>
    public TimeSpan DelayedAckTimeout { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>HB.interval: an idle association probes its peer this often.</summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Valid.Cookie.Life for the state cookie in INIT-ACK.</summary>
    public TimeSpan CookieLifetime { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Largest inbound message reassembled; bigger ones are dropped as they would exhaust the window.</summary>
    public int MaxReceiveMessageSize { get; init; } = 1024 * 1024;
}
