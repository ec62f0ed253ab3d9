using System.Globalization;

namespace Realtime.WebRtc.Sdp;

/// <summary>The offer a .NET client sends (to OpenAI or a browser): BUNDLEd audio and data, <c>a=setup:actpass</c>.</summary>
public static class SdpOfferBuilder
{
    public static SessionDescription Build(SdpLocalTransport local, SdpOfferOptions? options = null)
    {
        options ??= new SdpOfferOptions();
        SessionDescription offer = SdpWriter.NewSession(local);
        if (options.Audio)
        {
            offer.Media.Add(Audio(local, options, mid: "0"));
        }
        if (options.Data)
        {
            offer.Media.Add(Data(local, options, mid: offer.Media.Count.ToString(CultureInfo.InvariantCulture)));
        }
        offer.AddAttribute("group", "BUNDLE " + string.Join(' ', offer.Media.Select(m => m.Mid)));
        return offer;
    }

    private static MediaDescription Audio(SdpLocalTransport local, SdpOfferOptions options, string mid)
    {
        IReadOnlyList<string> codecs = options.AudioCodecs ?? (options.OfferG711 ? ["opus", "PCMU", "PCMA"] : ["opus"]);
        SdpRtpMap[] formats = [.. SdpWriter.Formats(codecs, options.OpusPayloadType)];
        MediaDescription audio = SdpWriter.NewMedia("audio", MediaDescription.AudioProtocol,
            formats.Select(f => f.PayloadType.ToString(CultureInfo.InvariantCulture)), mid, local);
        SdpWriter.AddTransport(audio, local, SdpSetup.ActPass);
        audio.AddAttribute(SdpTokens.Format(options.AudioDirection));
        audio.AddAttribute("rtcp-mux");
        audio.AddAttribute("rtcp-rsize");
        SdpWriter.AddAudioFormats(audio, formats);
        SdpWriter.AddSsrc(audio, options.AudioSsrc, options.Cname, options.StreamId);
        SdpWriter.AddCandidates(audio, local);
        return audio;
    }

    private static MediaDescription Data(SdpLocalTransport local, SdpOfferOptions options, string mid)
    {
        MediaDescription data = SdpWriter.NewMedia("application", MediaDescription.DataProtocol, [MediaDescription.DataFormat], mid, local);
        SdpWriter.AddTransport(data, local, SdpSetup.ActPass);
        SdpWriter.AddData(data, options.SctpPort, options.MaxMessageSize);
        SdpWriter.AddCandidates(data, local);
        return data;
    }
}
