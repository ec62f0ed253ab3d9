using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Realtime.WebRtc.Ice;

namespace Realtime.WebRtc.Sdp;

/// <summary>The pieces offers and answers share: the session header and the per-section transport attributes.</summary>
internal static class SdpWriter
{
    public const string OpusFmtp = "minptime=10;useinbandfec=1";

    public static SessionDescription NewSession(SdpLocalTransport local)
    {
        var session = new SessionDescription();
        session.AddLine('v', "0");
        session.AddLine('o', new SdpOrigin("-", NewSessionId(), "2", "IN", "IP4", "127.0.0.1").ToLineValue());
        session.AddLine('s', "-");
        session.AddLine('t', "0 0");
        if (local.IceLite)
        {
            session.AddAttribute("ice-lite");
        }
        return session;
    }

    /// <summary>A section whose m= port and c= address name the default candidate (RFC 8839 §4.2.1.1), 9 / 0.0.0.0 without one.</summary>
    public static MediaDescription NewMedia(string kind, string protocol, IEnumerable<string> formats, string mid, SdpLocalTransport local)
    {
        IPEndPoint? preferred = local.Candidates.Where(c => c.IsUdp).Select(c => c.EndPoint).FirstOrDefault(e => e is not null);
        var media = new MediaDescription(kind, preferred?.Port ?? 9, protocol, formats);
        string family = preferred?.AddressFamily == AddressFamily.InterNetworkV6 ? "IP6" : "IP4";
        media.AddLine('c', $"IN {family} {preferred?.Address.ToString() ?? "0.0.0.0"}");
        media.AddAttribute("mid", mid);
        return media;
    }

    /// <summary>ICE and DTLS parameters, repeated in every bundled section as browsers do.</summary>
    public static void AddTransport(MediaDescription media, SdpLocalTransport local, SdpSetup setup)
    {
        media.AddAttribute("ice-ufrag", local.Ice.Ufrag);
        media.AddAttribute("ice-pwd", local.Ice.Password);
        media.AddAttribute("fingerprint", local.Fingerprint.ToString());
        media.AddAttribute("setup", SdpTokens.Format(setup));
    }

    /// <summary>Candidates go last: we gather before signalling, so the list is complete (no trickle).</summary>
    public static void AddCandidates(MediaDescription media, SdpLocalTransport local)
    {
        foreach (IceCandidate candidate in local.Candidates)
        {
            media.AddAttribute("candidate", candidate.ToSdpValue());
        }
        media.AddAttribute("end-of-candidates");
    }

    public static void AddOpus(MediaDescription media, int payloadType)
    {
        media.AddAttribute("rtpmap", SdpRtpMap.Opus(payloadType).ToLineValue());
        media.AddAttribute("fmtp", string.Create(CultureInfo.InvariantCulture, $"{payloadType} {OpusFmtp}"));
    }

    /// <summary>An rtpmap per format, and Opus' fmtp (in-band FEC on, 10 ms minimum packet time).</summary>
    public static void AddAudioFormats(MediaDescription media, IEnumerable<SdpRtpMap> formats)
    {
        foreach (SdpRtpMap format in formats)
        {
            if (format.IsOpus)
            {
                AddOpus(media, format.PayloadType);
            }
            else
            {
                media.AddAttribute("rtpmap", format.ToLineValue());
            }
        }
    }

    /// <summary>Announces our outgoing stream: <c>a=msid</c> (what unified-plan browsers read) and <c>a=ssrc</c> with cname and msid.</summary>
    public static void AddSsrc(MediaDescription media, uint? ssrc, string cname, string streamId)
    {
        if (ssrc is { } value)
        {
            string msid = string.Create(CultureInfo.InvariantCulture, $"{streamId} audio-{value}");
            media.AddAttribute("msid", msid);
            media.AddAttribute("ssrc", string.Create(CultureInfo.InvariantCulture, $"{value} cname:{cname}"));
            media.AddAttribute("ssrc", string.Create(CultureInfo.InvariantCulture, $"{value} msid:{msid}"));
        }
    }

    /// <summary>Codec names to the formats we write: Opus at the given payload type, G.711 at its static one.</summary>
    public static IEnumerable<SdpRtpMap> Formats(IEnumerable<string> codecs, int opusPayloadType) =>
        codecs.Select(name => name.ToUpperInvariant() switch
        {
            "OPUS" => SdpRtpMap.Opus(opusPayloadType),
            "PCMU" => SdpRtpMap.Pcmu,
            "PCMA" => SdpRtpMap.Pcma,
            _ => throw new ArgumentException($"Unsupported audio codec '{name}': use opus, PCMU or PCMA.", nameof(codecs)),
        });

    /// <summary>The legacy data section's answer (pre-RFC 8841): the SCTP port as the format and an sctpmap.</summary>
    public static void AddLegacyData(MediaDescription media, int sctpPort) =>
        media.AddAttribute("sctpmap", string.Create(CultureInfo.InvariantCulture, $"{sctpPort} {MediaDescription.DataFormat} 65535"));

    public static void AddData(MediaDescription media, int sctpPort, int maxMessageSize)
    {
        media.AddAttribute("sctp-port", sctpPort.ToString(CultureInfo.InvariantCulture));
        media.AddAttribute("max-message-size", maxMessageSize.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>A random positive 62-bit id, the size browsers use.</summary>
    private static string NewSessionId() =>
        ((ulong)RandomNumberGenerator.GetInt32(1, int.MaxValue) << 31 ^ (ulong)RandomNumberGenerator.GetInt32(int.MaxValue))
            .ToString(CultureInfo.InvariantCulture);
}
