using System.Net;

namespace Realtime.WebRtc.Ice;

/// <summary>A datagram the agent wants sent from the socket bound to <paramref name="Source"/>.</summary>
public readonly record struct IceTransmit(IPEndPoint Source, IPEndPoint Destination, byte[] Payload);
