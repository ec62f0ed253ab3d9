using Realtime.WebRtc.Ice;

namespace Realtime.WebRtc.Sdp;

/// <summary>Our side of the transport, written into offers and answers.</summary>
public sealed record SdpLocalTransport(IceCredentials Ice, SdpFingerprint Fingerprint, IReadOnlyList<IceCandidate> Candidates)
{
    /// <summary>Write <c>a=ice-lite</c>: we only answer checks (the emulator, like OpenAI).</summary>
    public bool IceLite { get; init; }
}
