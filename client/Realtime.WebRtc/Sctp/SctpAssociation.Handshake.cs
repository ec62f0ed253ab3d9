namespace Realtime.WebRtc.Sctp;

/// <summary>The four-way handshake (RFC 9260 §5.1) and INIT/COOKIE-ECHO collisions and restarts (§5.2).</summary>
public sealed partial class SctpAssociation
{
    private void SendInit()
    {
        var init = new InitChunk(false, _localTag, _options.ReceiveWindow, _options.Streams, _options.Streams, _localInitialTsn, LocalExtensions());
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
        if (init.InitiateTag == 0 || _ended)
        {
            return;
        }
        var peer = PeerCapabilities.Read(init);
        bool established = State is not (SctpAssociationState.Closed or SctpAssociationState.CookieWait or SctpAssociationState.CookieEchoed);
        uint tag = established ? RandomNonZero() : _localTag;
        uint tsn = established ? RandomUInt32() : _localInitialTsn;
        var cookie = new SctpStateCookie(tag, tsn, init.InitiateTag, init.InitialTsn, init.AdvertisedReceiverWindow,
            init.OutboundStreams, init.InboundStreams, peer.ForwardTsn, peer.Reconfig,
            established ? _localTag : 0, established ? _peerTag : 0, (long)_now.TotalMilliseconds);
        List<SctpTlv> parameters = [new SctpTlv(SctpParameterType.StateCookie, cookie.Seal(_cookieKey)), .. LocalExtensions()];
        parameters.AddRange(peer.Unrecognized.Select(p => new SctpTlv(SctpParameterType.UnrecognizedParameter, Encode(p))));
        var ack = new InitChunk(true, tag, _options.ReceiveWindow, _options.Streams, _options.Streams, tsn, parameters);
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
        _peerTag = ack.InitiateTag;
        AdoptPeer(ack.InitialTsn, ack.AdvertisedReceiverWindow, ack.OutboundStreams, ack.InboundStreams, peer.ForwardTsn, peer.Reconfig);
        State = SctpAssociationState.CookieEchoed;
        StartT1(new CookieEchoChunk(cookie));
        SendT1Chunk();
        if (peer.Unrecognized.Count > 0)
        {
            _control.Enqueue(new ErrorChunk([.. peer.Unrecognized.Select(p => new SctpTlv(SctpErrorCause.UnrecognizedParameters, Encode(p)))]));
        }
    }

    /// <summary>COOKIE-ECHO, with or without an existing association (§5.1 step D, §5.2.4 cases A–D).</summary>
    private void OnCookieEcho(CookieEchoChunk echo, uint packetTag)
    {
        SctpStateCookie? cookie = SctpStateCookie.Open(echo.Cookie, _cookieKey);
        if (cookie is null || cookie.LocalTag != packetTag || _ended)
        {
            return;
        }
        if (_now.TotalMilliseconds - cookie.CreatedMilliseconds > _options.CookieLifetime.TotalMilliseconds)
        {
            SendStandalone(cookie.PeerTag, new ErrorChunk([new SctpTlv(SctpErrorCause.StaleCookie, new byte[4])]));
            return;
        }
        if (State == SctpAssociationState.Closed || cookie.LocalTag == _localTag)
        {
            Establish(cookie); // No association yet, or case B/D: our tag matches.
        }
        else if (cookie.PeerTag != _peerTag && cookie.TieLocal == _localTag && cookie.TiePeer == _peerTag)
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
            _peerTag = cookie.PeerTag;
            AdoptPeer(cookie.PeerInitialTsn, cookie.PeerReceiverWindow, cookie.PeerOutboundStreams, cookie.PeerInboundStreams, cookie.PeerForwardTsn, cookie.PeerReconfig);
            EnterEstablished();
        }
        _control.Enqueue(new SignalChunk(SctpChunkType.CookieAck));
    }

    private void Restart(SctpStateCookie cookie)
    {
        _localTag = cookie.LocalTag;
        _localInitialTsn = cookie.LocalInitialTsn;
        _peerTag = cookie.PeerTag;
        _rto = new RtoEstimator(_options);
        _sender = new SctpSender(_options, _rto, _localInitialTsn);
        _reassembler = new SctpReassembler(_options.MaxReceiveMessageSize);
        _inbound = null;
        ResetReconfigState();
        AdoptPeer(cookie.PeerInitialTsn, cookie.PeerReceiverWindow, cookie.PeerOutboundStreams, cookie.PeerInboundStreams, cookie.PeerForwardTsn, cookie.PeerReconfig);
        State = SctpAssociationState.Established;
        _control.Enqueue(new SignalChunk(SctpChunkType.CookieAck));
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
        _errorCount = 0;
        _heartbeatDeadline = _now + _options.HeartbeatInterval;
        Emit(SctpEvent.Connected());
    }

    /// <summary>Takes the peer's half of the parameters; the inbound tracker is kept if it already follows the same TSN space.</summary>
    private void AdoptPeer(uint peerInitialTsn, uint peerWindow, ushort peerOutbound, ushort peerInbound, bool forwardTsn, bool reconfig)
    {
        if (_inbound is null || _inbound.Cumulative != (long)peerInitialTsn - 1)
        {
            _inbound = new InboundTsnTracker(peerInitialTsn);
            _peerNextRequestSeq = peerInitialTsn;
        }
        _sender.SetPeerWindow(peerWindow);
        _sender.PeerSupportsForwardTsn = forwardTsn;
        _peerSupportsReconfig = reconfig;
        OutboundStreams = Math.Min(_options.Streams, peerInbound);
        InboundStreams = Math.Min(_options.Streams, peerOutbound);
    }

    private void StartT1(SctpChunk chunk)
    {
        _t1Chunk = chunk;
        _t1.Start(_now, _options.RtoInitial);
    }

    private void StopT1()
    {
        _t1Chunk = null;
        _t1.Stop();
    }

    private void SendT1Chunk()
    {
        if (_t1Chunk is InitChunk init)
        {
            SendStandalone(0, init);
        }
        else if (_t1Chunk is not null)
        {
            _control.Enqueue(_t1Chunk);
        }
    }

    /// <summary>T1-init / T1-cookie expired: resend with doubled timeout until Max.Init.Retransmits (§5.1 step C).</summary>
    private void OnT1Expired()
    {
        if (!_t1.Rearm(_now))
        {
            Fail("handshake timed out");
            return;
        }
        SendT1Chunk();
    }

    private static byte[] Encode(SctpTlv parameter)
    {
        var bytes = new byte[parameter.EncodedLength];
        parameter.Write(bytes);
        return bytes.AsSpan(0, 4 + parameter.Value.Length).ToArray();
    }
}
