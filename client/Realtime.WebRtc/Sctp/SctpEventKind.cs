namespace Realtime.WebRtc.Sctp;

/// <summary>What an <see cref="SctpEvent"/> reports.</summary>
public enum SctpEventKind
{
    /// <summary>The association reached ESTABLISHED.</summary>
    Connected,
    /// <summary>A complete user message arrived.</summary>
    Message,
    /// <summary>The peer reset its outgoing streams (our incoming): RFC 8831 reads that as "the peer closed these channels".</summary>
    IncomingStreamsReset,
    /// <summary>Our reset request for these outgoing streams completed.</summary>
    OutgoingStreamsReset,
    /// <summary>The peer restarted the association (RFC 9260 §5.2.4 case A); stream state was reset.</summary>
    Restarted,
    /// <summary>Graceful SHUTDOWN finished.</summary>
    Closed,
    /// <summary>The association ended abruptly: ABORT either way, or the peer stopped answering.</summary>
    Aborted,
}
