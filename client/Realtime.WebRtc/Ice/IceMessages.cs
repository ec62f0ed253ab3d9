using System.Net;
using Realtime.WebRtc.Stun;

namespace Realtime.WebRtc.Ice;

/// <summary>The three STUN messages ICE sends: a check, a success answer and an error answer.</summary>
internal static class IceMessages
{
    /// <summary>USERNAME is "theirUfrag:ourUfrag" and the MAC uses their password (RFC 8445 §7.2.2).</summary>
    public static byte[] Check(StunTransactionId id, string username, uint priority, IceRole role, ulong tieBreaker,
        bool useCandidate, byte[] remotePassword)
    {
        var builder = new StunMessageBuilder(StunMessageType.BindingRequest, id).AddUsername(username).AddPriority(priority);
        if (role == IceRole.Controlling)
        {
            builder.AddIceControlling(tieBreaker);
        }
        else
        {
            builder.AddIceControlled(tieBreaker);
        }
        if (useCandidate)
        {
            builder.AddUseCandidate();
        }
        return builder.Build(remotePassword);
    }

    /// <summary>Answers are signed with our own password, the one the peer used on the request.</summary>
    public static byte[] Success(StunTransactionId id, IPEndPoint source, byte[] localPassword) =>
        new StunMessageBuilder(StunMessageType.BindingSuccess, id).AddXorMappedAddress(source).Build(localPassword);

    public static byte[] Error(StunTransactionId id, StunErrorCode error, byte[] localPassword, IReadOnlyList<ushort>? unknown = null)
    {
        var builder = new StunMessageBuilder(StunMessageType.BindingError, id).AddErrorCode(error);
        if (unknown is { Count: > 0 })
        {
            builder.AddUnknownAttributes(unknown);
        }
        return builder.Build(localPassword);
    }
}
