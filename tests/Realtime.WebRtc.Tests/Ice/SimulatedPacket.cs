using System.Net;

namespace Realtime.WebRtc.Tests.Ice;

internal sealed record SimulatedPacket(TimeSpan SentAt, IPEndPoint From, IPEndPoint To, byte[] Payload)
{
    public TimeSpan DeliverAt { get; init; }
}
