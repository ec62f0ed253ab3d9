using Realtime.WebRtc.Ice;

namespace Realtime.WebRtc.Sdp;

/// <summary>
/// What a remote description says about the one BUNDLEd transport: ICE credentials and candidates, the DTLS
/// fingerprint and setup role, and the SCTP parameters of the data section. This is what a peer connection feeds
/// to the ICE agent, the DTLS layer and SCTP after <c>setRemoteDescription</c>.
/// </summary>
public sealed record SdpTransportInfo
{
    /// <summary>RFC 8841 §6.1: without <c>a=max-message-size</c> assume 64 KiB.</summary>
    public const int DefaultMaxMessageSize = 65536;
    public const int DefaultSctpPort = 5000;

    public required IceCredentials Ice { get; init; }
    public bool IceLite { get; init; }
    public required SdpFingerprint Fingerprint { get; init; }

    /// <summary>Null when the description has no <c>a=setup</c>.</summary>
    public SdpSetup? Setup { get; init; }
    public IReadOnlyList<IceCandidate> Candidates { get; init; } = [];
    public bool EndOfCandidates { get; init; }

    /// <summary>The accepted audio section, if any.</summary>
    public MediaDescription? Audio { get; init; }

    /// <summary>The accepted data-channel section, if any.</summary>
    public MediaDescription? Data { get; init; }

    /// <summary>The payload type mapped to opus/48000/2 in the audio section (111 from Chromium and OpenAI).</summary>
    public int? OpusPayloadType => Audio?.RtpMaps.FirstOrDefault(m => m.IsOpus)?.PayloadType;

    public int SctpPort => Data?.SctpPort ?? DefaultSctpPort;
    public int MaxMessageSize => Data?.MaxMessageSize ?? DefaultMaxMessageSize;

    /// <summary>Reads the transport of a description; throws <see cref="SdpParseException"/> when WebRTC essentials are missing.</summary>
    public static SdpTransportInfo From(SessionDescription description)
    {
        MediaDescription tagged = TransportSection(description);
        IReadOnlyList<string> bundle = description.BundleGroup;
        MediaDescription[] bundled = [.. description.Media.Where(m => !m.IsRejected && (bundle.Count == 0 ? m == tagged : bundle.Contains(m.Mid ?? "")))];
        return new SdpTransportInfo
        {
            Ice = new IceCredentials(Require(tagged.IceUfrag ?? description.IceUfrag, "a=ice-ufrag", tagged),
                Require(tagged.IcePwd ?? description.IcePwd, "a=ice-pwd", tagged)),
            IceLite = description.IceLite || tagged.IceLite,
            Fingerprint = tagged.Fingerprint ?? description.Fingerprint ?? throw Missing("a=fingerprint", tagged),
            Setup = tagged.Setup ?? description.Setup,
            Candidates = [.. bundled.SelectMany(m => m.Candidates).DistinctBy(c => c.ToSdpValue())],
            EndOfCandidates = bundled.Any(m => m.EndOfCandidates) || description.EndOfCandidates,
            Audio = bundled.FirstOrDefault(m => m.Kind == "audio"),
            Data = bundled.FirstOrDefault(m => m.IsDataChannel),
        };
    }

    /// <summary>The BUNDLE tag (first mid of the group), or without a group the first section not rejected.</summary>
    private static MediaDescription TransportSection(SessionDescription description)
    {
        if (description.Media.Count == 0)
        {
            throw new SdpParseException(0, "the description has no media sections");
        }
        MediaDescription? tagged = description.BundleGroup.Count > 0
            ? description.FindMedia(description.BundleGroup[0])
                ?? throw new SdpParseException(0, $"BUNDLE names mid '{description.BundleGroup[0]}' but no section has it")
            : description.Media.FirstOrDefault(m => !m.IsRejected);
        return tagged is { IsRejected: false } ? tagged : throw new SdpParseException(0, "every media section is rejected");
    }

    private static string Require(string? value, string what, MediaDescription section) => value ?? throw Missing(what, section);

    private static SdpParseException Missing(string what, MediaDescription section) =>
        new(section.LineNumber, $"no {what} for the m={section.Kind} transport (media or session level)");
}
