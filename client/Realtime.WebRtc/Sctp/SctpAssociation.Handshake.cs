namespace Realtime.WebRtc.Sctp;

/// <summary>The four-way handshake (RFC 9260 §5.1) and INIT/COOKIE-ECHO collisions and restarts (§5.2).</summary>
public sealed partial class SctpAssociation
{
    private TimeSpan? t1Deadline;
    private TimeSpan t1Timeout;
    private int t1Retries;
    private SctpChunk? t1Chunk;
    private bool peerSupportsReconfig;

    private void SendInit()
    {
        var init = new InitChunk(false, localTag, options.ReceiveWindow, options.Streams, options.Streams, localInitialTsn, LocalExtensions());
        State = SctpAssociationState.CookieWait;
        StartT1(init);
        SendT1Chunk();
    }

    /// <summary>Announces RE-CONFIG (stream reset, RFC 6525) and FORWARD-TSN (RFC 3758), both of which data channels use.</summary>
    private static List<SctpTlv> LocalExtensions() =>
    [
        new SctpTlv(SctpParameterType.SupportedExtensions, [(byte)SctpChunkType.Reconfig, (byte)SctpChunkType.ForwardTsn]),
        new SctpTlv(SctpParameterType.ForwardTsnSupported, []),
    ];

    /// <summary>
    /// Answers an INIT whatever our state (§5.2.1, §5.2.2). Before establishment the INIT-ACK reuses our own
    /// tag so crossing INITs converge on one pair of tags; afterwards it offers fresh tags plus tie-tags, and
    /// only a COOKIE-ECHO proving a genuine restart will switch to them.
    /// </summary>
    private void OnInit(InitChunk init)
    {
        if (init.InitiateTag == 0 || ended)
        {
            return;
        }
        var peer = PeerCapabilities.Read(init);
        bool established = State is not (SctpAssociationState.Closed or SctpAssociationState.CookieWait or SctpAssociationState.CookieEchoed);
        uint tag = established ? RandomNonZero() : localTag;
        uint tsn = established ? RandomUInt32() : localInitialTsn;
        var cookie = new SctpStateCookie(tag, tsn, init.InitiateTag, init.InitialTsn, init.AdvertisedReceiverWindow,
            init.OutboundStreams, init.InboundStreams, peer.ForwardTsn, peer.Reconfig,
            established ? localTag : 0, established ? peerTag : 0, (long)now.TotalMilliseconds);
        List<SctpTlv> parameters = [new SctpTlv(SctpParameterType.StateCookie, cookie.Seal(cookieKey)), .. LocalExtensions()];
        parameters.AddRange(peer.Unrecognized.Select(p => new SctpTlv(SctpParameterType.UnrecognizedParameter, Encode(p))));
        var ack = new InitChunk(true, tag, options.ReceiveWindow, options.Streams, options.Streams, tsn, parameters);
        SendStandalone(init.InitiateTag, ack);
    }

    private void OnInitAck(InitChunk ack)
    {
        if (State != SctpAssociationState.CookieWait)
        {
            return; // §5.2.3: an unexpected INIT-ACK is discarded.
        }
        byte[]? cookie = ack.Parameters.FirstOrDefault(p => p.Type == SctpParameterType.StateCookie).Value;
        if (cookie is null || ack.InitiateTag == 0)
        {
            return;
        }
        var peer = PeerCapabilities.Read(ack);
        peerTag = ack.InitiateTag;
        AdoptPeer(ack.InitialTsn, ack.AdvertisedReceiverWindow, ack.OutboundStreams, ack.InboundStreams, peer.ForwardTsn, peer.Reconfig);
        State = SctpAssociationState.CookieEchoed;
        StartT1(new CookieEchoChunk(cookie));
        SendT1Chunk();
        if (peer.Unrecognized.Count > 0)
        {
            control.Enqueue(new ErrorChunk([.. peer.Unrecognized.Select(p => new SctpTlv(SctpErrorCause.UnrecognizedParameters, Encode(p)))]));
        }
    }

    /// <summary>COOKIE-ECHO, with or without an existing association (§5.1 step D, §5.2.4 cases A–D).</summary>
    private void OnCookieEcho(CookieEchoChunk echo, uint packetTag)
    {
        SctpStateCookie? cookie = SctpStateCookie.Open(echo.Cookie, cookieKey);
        if (cookie is null || cookie.LocalTag != packetTag || ended)
        {
            return;
        }
        if (now.TotalMilliseconds - cookie.CreatedMilliseconds > options.CookieLifetime.TotalMilliseconds)
        {
            SendStandalone(cookie.PeerTag, new ErrorChunk([new SctpTlv(SctpErrorCause.StaleCookie, new byte[4])]));
            return;
        }
        if (State == SctpAssociationState.Closed || cookie.LocalTag == localTag)
        {
            Establish(cookie); // No association yet, or case B/D: our tag matches.
        }
        else if (cookie.PeerTag != peerTag && cookie.TieLocal == localTag && cookie.TiePeer == peerTag)
        {
            Restart(cookie); // Case A: the peer restarted.
        }
        // Case C and anything else: silently discarded.
    }

    private void Establish(SctpStateCookie cookie)
    {
        bool wasEstablished = State == SctpAssociationState.Established;
        if (!wasEstablished && State is SctpAssociationState.Closed or SctpAssociationState.CookieWait or SctpAssociationState.CookieEchoed)
        {
            peerTag = cookie.PeerTag;
            AdoptPeer(cookie.PeerInitialTsn, cookie.PeerReceiverWindow, cookie.PeerOutboundStreams, cookie.PeerInboundStreams, cookie.PeerForwardTsn, cookie.PeerReconfig);
            EnterEstablished();
        }
        control.Enqueue(new SignalChunk(SctpChunkType.CookieAck));
    }

    private void Restart(SctpStateCookie cookie)
    {
        localTag = cookie.LocalTag;
        localInitialTsn = cookie.LocalInitialTsn;
        peerTag = cookie.PeerTag;
        rto = new RtoEstimator(options);
        sender = new SctpSender(options, rto, localInitialTsn);
        reassembler = new SctpReassembler(options.MaxReceiveMessageSize);
        inbound = null;
        ResetReconfigState();
        AdoptPeer(cookie.PeerInitialTsn, cookie.PeerReceiverWindow, cookie.PeerOutboundStreams, cookie.PeerInboundStreams, cookie.PeerForwardTsn, cookie.PeerReconfig);
        State = SctpAssociationState.Established;
        control.Enqueue(new SignalChunk(SctpChunkType.CookieAck));
        Emit(SctpEvent.Ended(SctpEventKind.Restarted, "peer restarted the association"));
    }

    private void OnCookieAck()
    {
        if (State == SctpAssociationState.CookieEchoed)
        {
            EnterEstablished();
        }
    }

    private void EnterEstablished()
    {
        State = SctpAssociationState.Established;
        StopT1();
        errorCount = 0;
        heartbeatDeadline = now + options.HeartbeatInterval;
        Emit(SctpEvent.Connected());
    }

    /// <summary>Takes the peer's half of the parameters; the inbound tracker is kept if it already follows the same TSN space.</summary>
    private void AdoptPeer(uint peerInitialTsn, uint peerWindow, ushort peerOutbound, ushort peerInbound, bool forwardTsn, bool reconfig)
    {
        if (inbound is null || inbound.Cumulative != (long)peerInitialTsn - 1)
        {
            inbound = new InboundTsnTracker(peerInitialTsn);
            peerNextRequestSeq = peerInitialTsn;
        }
        sender.SetPeerWindow(peerWindow);
        sender.PeerSupportsForwardTsn = forwardTsn;
        peerSupportsReconfig = reconfig;
        OutboundStreams = Math.Min(options.Streams, peerInbound);
        InboundStreams = Math.Min(options.Streams, peerOutbound);
    }

    private void StartT1(SctpChunk chunk)
    {
        t1Chunk = chunk;
        t1Retries = 0;
        t1Timeout = options.RtoInitial;
        t1Deadline = now + t1Timeout;
    }

    private void StopT1()
    {
        t1Chunk = null;
        t1Deadline = null;
    }

    private void SendT1Chunk()
    {
        if (t1Chunk is InitChunk init)
        {
            SendStandalone(0, init);
        }
        else if (t1Chunk is not null)
        {
            control.Enqueue(t1Chunk);
        }
    }

    /// <summary>T1-init / T1-cookie expired: resend with doubled timeout until Max.Init.Retransmits (§5.1 step C).</summary>
    private void OnT1Expired()
    {
        if (++t1Retries > options.MaxInitRetransmissions)
        {
            Fail("handshake timed out");
            return;
        }
        t1Timeout = t1Timeout * 2 > options.RtoMax ? options.RtoMax : t1Timeout * 2;
        t1Deadline = now + t1Timeout;
        SendT1Chunk();
    }

    private static byte[] Encode(SctpTlv parameter)
    {
        var bytes = new byte[parameter.EncodedLength];
        parameter.Write(bytes);
        return bytes.AsSpan(0, 4 + parameter.Value.Length).ToArray();
    }
}
