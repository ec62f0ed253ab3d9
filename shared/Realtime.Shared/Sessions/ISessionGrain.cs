using Realtime.Shared.Captions;

namespace Realtime.Shared.Sessions;

/// <summary>
/// One realtime session, keyed by its id (ses_…). Issued by the owner's user grain when its secret is reserved
/// (<see cref="Users.IUserGrain.Reserve"/>: the record is stored, the grain activates when something first uses
/// the session); expired when the secret expired and nothing used it; live from the first publish; ended by its
/// owner, when idle, or when its tenant is deleted. Tells the owner's user grain when it goes live and when it is over.
/// </summary>
public interface ISessionGrain : IGrainWithStringKey
{
    /// <summary>The session, or null when none was ever started under this id.</summary>
    Task<SessionSnapshot?> GetSnapshot();

    /// <summary>Ends the session (owner's request). Ending an ended or expired session changes nothing.</summary>
    Task<SessionSnapshot?> End();

    /// <summary>
    /// Folds events the owner's client relayed from OpenAI into caption segments (issued → live on the first),
    /// numbers every change, persists finals, and pushes the changes once to every subscribed api node.
    /// A repeated event id changes nothing. Refused (nothing applied) for anyone but the owner or once the session is over.
    /// </summary>
    Task<PublishAck> Publish(string tenantId, string userId, IReadOnlyList<CaptionEvent> events);

    /// <summary>
    /// Subscribes an api node to this session's changes, or refreshes its subscription (nodes refresh well within
    /// the subscription lifetime; one that stops refreshing is dropped), and answers what changed after
    /// <paramref name="afterSeq"/>. Every change after the answer's LastSeq reaches the node through <paramref name="node"/>.
    /// </summary>
    Task<CatchUp> Watch(string nodeId, ICaptionObserver node, long afterSeq);

    /// <summary>What changed after <paramref name="afterSeq"/>, without subscribing (a node filling a gap).</summary>
    Task<CatchUp> GetUpdatesAfter(long afterSeq);

    /// <summary>Drops a node's subscription (its last viewer of this session left).</summary>
    Task Unwatch(string nodeId);

    /// <summary>
    /// Records the id (rtc_…) of a WebRTC call OpenAI opened for this session, durably, so the session's calls can be
    /// found (hung up, watched from the server) later. False when the session does not exist or is over.
    /// </summary>
    Task<bool> RecordCall(string callId);

    /// <summary>The ids of the calls recorded for this session, oldest first.</summary>
    Task<IReadOnlyList<string>> GetCallIds();

    /// <summary>The transcript for export.</summary>
    Task<Transcript> GetTranscript();
}
