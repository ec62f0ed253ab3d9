using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Realtime.Shared.Captions;

namespace Realtime.Api.Captions;

/// <summary>
/// One server message for this node's viewers of a session (<c>Caption</c> or <c>SessionState</c>), made once
/// per node and shared by every viewer's <see cref="ViewerOutbox"/>: <see cref="Wire"/> serializes it at most once
/// per protocol, however many viewers it goes to, as SignalR's group sends do.
/// </summary>
public sealed class ViewerMessage
{
    private ViewerMessage(CaptionUpdate? update, string method, object argument)
    {
        Update = update;
        Wire = new SerializedHubMessage(new InvocationMessage(method, [argument]));
    }

    /// <summary>The caption update it carries; null for a <c>SessionState</c> message.</summary>
    public CaptionUpdate? Update { get; }

    public SerializedHubMessage Wire { get; }

    public static ViewerMessage Caption(CaptionUpdate update) => new(update, CaptionHubMessages.Caption, update);

    public static ViewerMessage State(SessionStateMessage state) => new(null, CaptionHubMessages.SessionState, state);
}
