using System.Globalization;

namespace Realtime.WebRtc.Sdp;

/// <summary>
/// Answers an offer: audio accepted with Opus (at the offered payload type) and PCMU/PCMA when offered, the data channel accepted, every
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
        return offered.IsDataChannel ? Data(mid, local, setup, options) : null;
    }

    private static MediaDescription? Audio(MediaDescription offered, string mid, SdpLocalTransport local, SdpSetup setup, SdpAnswerOptions options)
    {
        SdpRtpMap? opus = offered.RtpMaps.FirstOrDefault(m => m.IsOpus);
        string[] g711 = options.AcceptG711 ? [.. offered.Formats.Where(f => f is "0" or "8")] : [];
        if (opus is null && g711.Length == 0)
        {
            return null;
        }
        // OpenAI answers "111 0 8": Opus first when offered, and an offer of G.711 alone is still answered.
        string[] formats = opus is null ? g711 : [opus.PayloadType.ToString(CultureInfo.InvariantCulture), .. g711];
        MediaDescription audio = SdpWriter.NewMedia("audio", offered.Protocol, formats, mid, local);
        SdpWriter.AddTransport(audio, local, setup);
        audio.AddAttribute(SdpTokens.Format(SdpTokens.Reverse(offered.Direction)));
        audio.AddAttribute("rtcp-mux");
        if (offered.HasAttribute("rtcp-rsize"))
        {
            audio.AddAttribute("rtcp-rsize");
        }
        if (opus is not null)
        {
            SdpWriter.AddOpus(audio, opus.PayloadType);
        }
        foreach (string format in g711)
        {
            audio.AddAttribute("rtpmap", format == "0" ? "0 PCMU/8000" : "8 PCMA/8000");
        }
        SdpWriter.AddSsrc(audio, options.AudioSsrc, options.Cname);
        SdpWriter.AddCandidates(audio, local);
        return audio;
    }

    private static MediaDescription Data(string mid, SdpLocalTransport local, SdpSetup setup, SdpAnswerOptions options)
    {
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
