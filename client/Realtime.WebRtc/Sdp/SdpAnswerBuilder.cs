using System.Globalization;

namespace Realtime.WebRtc.Sdp;

/// <summary>
/// Answers an offer: audio accepted with the codecs we support in the offer's order (at the offered payload types),
/// the data channel accepted (in the legacy <c>DTLS/SCTP</c> + <c>a=sctpmap</c> form when offered so), every
/// other section rejected with port 0; accepted sections BUNDLEd in offer order. Used by the emulator (ice-lite,
/// <c>setup:active</c>, like OpenAI) and by a .NET peer answering a browser.
/// </summary>
public static class SdpAnswerBuilder
{
    /// <summary>Throws <see cref="SdpParseException"/> when the offer lacks what WebRTC needs (the emulator's 400).</summary>
    public static SessionDescription Build(SessionDescription offer, SdpLocalTransport local, SdpAnswerOptions? options = null)
    {
        options ??= new SdpAnswerOptions();
        SdpTransportInfo remote = SdpTransportInfo.From(offer);
        SdpSetup setup = ChooseSetup(remote.Setup, options.Setup);
        SessionDescription answer = SdpWriter.NewSession(local);
        foreach (MediaDescription offered in offer.Media)
        {
            string mid = offered.Mid ?? throw new SdpParseException(offered.LineNumber, "m= section has no a=mid (BUNDLE needs one)");
            answer.Media.Add(AnswerSection(offered, mid, local, setup, options) ?? Rejected(offered, mid));
        }
        answer.AddAttribute("group", "BUNDLE " + string.Join(' ', answer.Media.Where(m => !m.IsRejected).Select(m => m.Mid)));
        return answer;
    }

    /// <summary>An offer that insists on a role gets the other one (RFC 8842 §5.3); actpass leaves us the choice.</summary>
    public static SdpSetup ChooseSetup(SdpSetup? offered, SdpSetup preferred) => offered switch
    {
        SdpSetup.Active => SdpSetup.Passive,
        SdpSetup.Passive => SdpSetup.Active,
        _ => preferred == SdpSetup.Passive ? SdpSetup.Passive : SdpSetup.Active,
    };

    private static MediaDescription? AnswerSection(MediaDescription offered, string mid, SdpLocalTransport local, SdpSetup setup, SdpAnswerOptions options)
    {
        if (offered.IsRejected)
        {
            return null;
        }
        if (offered.Kind == "audio" && offered.Protocol == MediaDescription.AudioProtocol)
        {
            return Audio(offered, mid, local, setup, options);
        }
        return offered.IsDataChannel ? Data(offered, mid, local, setup, options) : null;
    }

    private static MediaDescription? Audio(MediaDescription offered, string mid, SdpLocalTransport local, SdpSetup setup, SdpAnswerOptions options)
    {
        SdpRtpMap[] formats = [.. AcceptedFormats(offered, options)];
        if (formats.Length == 0)
        {
            return null;
        }
        MediaDescription audio = SdpWriter.NewMedia("audio", offered.Protocol,
            formats.Select(f => f.PayloadType.ToString(CultureInfo.InvariantCulture)), mid, local);
        SdpWriter.AddTransport(audio, local, setup);
        audio.AddAttribute(SdpTokens.Format(AnswerDirection(offered.Direction, options.AudioDirection)));
        audio.AddAttribute("rtcp-mux");
        if (offered.HasAttribute("rtcp-rsize"))
        {
            audio.AddAttribute("rtcp-rsize");
        }
        SdpWriter.AddAudioFormats(audio, formats);
        SdpWriter.AddSsrc(audio, options.AudioSsrc, options.Cname, options.StreamId);
        SdpWriter.AddCandidates(audio, local);
        return audio;
    }

    /// <summary>The offered formats we support, in the offer's order and at its payload types: the first is the one both sides send.</summary>
    public static IEnumerable<SdpRtpMap> AcceptedFormats(MediaDescription offered, SdpAnswerOptions options)
    {
        IReadOnlyList<string> supported = options.AudioCodecs ?? (options.AcceptG711 ? ["opus", "PCMU", "PCMA"] : ["opus"]);
        return offered.AudioFormats.Where(format => supported.Any(format.Is)).DistinctBy(format => format.EncodingName.ToUpperInvariant());
    }

    /// <summary>
    /// RFC 3264 §6.1: we may send only if the offerer receives, and receive only if it sends; within that, what we want.
    /// </summary>
    public static SdpDirection AnswerDirection(SdpDirection offered, SdpDirection wanted)
    {
        bool send = offered is SdpDirection.SendRecv or SdpDirection.RecvOnly && wanted is SdpDirection.SendRecv or SdpDirection.SendOnly;
        bool receive = offered is SdpDirection.SendRecv or SdpDirection.SendOnly && wanted is SdpDirection.SendRecv or SdpDirection.RecvOnly;
        return (send, receive) switch
        {
            (true, true) => SdpDirection.SendRecv,
            (true, false) => SdpDirection.SendOnly,
            (false, true) => SdpDirection.RecvOnly,
            _ => SdpDirection.Inactive,
        };
    }

    private static MediaDescription Data(MediaDescription offered, string mid, SdpLocalTransport local, SdpSetup setup, SdpAnswerOptions options)
    {
        if (offered.IsLegacyDataChannel)
        {
            string port = options.SctpPort.ToString(CultureInfo.InvariantCulture);
            MediaDescription legacy = SdpWriter.NewMedia("application", offered.Protocol, [port], mid, local);
            SdpWriter.AddTransport(legacy, local, setup);
            SdpWriter.AddLegacyData(legacy, options.SctpPort);
            SdpWriter.AddCandidates(legacy, local);
            return legacy;
        }
        MediaDescription data = SdpWriter.NewMedia("application", MediaDescription.DataProtocol, [MediaDescription.DataFormat], mid, local);
        SdpWriter.AddTransport(data, local, setup);
        SdpWriter.AddData(data, options.SctpPort, options.MaxMessageSize);
        SdpWriter.AddCandidates(data, local);
        return data;
    }

    /// <summary>RFC 3264 §6: a refused stream keeps its place with port 0.</summary>
    private static MediaDescription Rejected(MediaDescription offered, string mid)
    {
        var rejected = new MediaDescription(offered.Kind, 0, offered.Protocol, offered.Formats.Take(1));
        rejected.AddLine('c', "IN IP4 0.0.0.0");
        rejected.AddAttribute("mid", mid);
        return rejected;
    }
}
