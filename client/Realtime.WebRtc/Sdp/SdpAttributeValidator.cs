using System.Globalization;
using Realtime.WebRtc.Ice;

namespace Realtime.WebRtc.Sdp;

/// <summary>Checks the attributes WebRTC depends on at parse time, so a bad one is reported with its line.</summary>
internal static class SdpAttributeValidator
{
    public static void Validate(SdpAttribute attribute, SdpSection section, int number, string line)
    {
        string? problem = Problem(attribute, section);
        if (problem is not null)
        {
            throw new SdpParseException(number, problem, line);
        }
    }

    private static string? Problem(SdpAttribute attribute, SdpSection section)
    {
        string value = attribute.Value ?? "";
        try
        {
            return attribute.Name switch
            {
                "candidate" => Try(() => IceCandidate.Parse(value)),
                "fingerprint" => Try(() => SdpFingerprint.Parse(value)),
                "rtpmap" => section is MediaDescription ? Try(() => SdpRtpMap.Parse(value)) : "rtpmap outside a media section",
                "fmtp" => SdpRtpMap.TryPayloadType(value.Split(' ')[0], out _) ? null : "fmtp must start with a payload type",
                "setup" => SdpTokens.ParseSetup(value) is null ? $"setup must be actpass, active, passive or holdconn, not '{value}'" : null,
                "sctp-port" or "max-message-size" => IsNumber(value) ? null : $"{attribute.Name} must be a number",
                "mid" or "ice-ufrag" or "ice-pwd" => value.Length == 0 || value.Contains(' ') ? $"{attribute.Name} must be a non-empty token" : null,
                "group" => value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length == 0 ? "group needs a semantics token" : null,
                _ => null,
            };
        }
        catch (FormatException e)
        {
            return e.Message;
        }
    }

    private static string? Try(Action parse)
    {
        parse();
        return null;
    }

    private static bool IsNumber(string value) => long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out _);
}
