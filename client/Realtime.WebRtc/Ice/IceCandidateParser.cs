using System.Globalization;

namespace Realtime.WebRtc.Ice;

/// <summary>The grammar of RFC 8839 §5.1, strict about structure and tolerant of unknown extensions.</summary>
internal static class IceCandidateParser
{
    public static IceCandidate Parse(string text)
    {
        string value = text.StartsWith("a=", StringComparison.Ordinal) ? text[2..] : text;
        value = value.StartsWith("candidate:", StringComparison.OrdinalIgnoreCase) ? value["candidate:".Length..] : value;
        string[] fields = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 8 || fields[6] != "typ")
        {
            throw new FormatException($"candidate needs 'foundation component transport priority address port typ type': '{text}'");
        }
        var extensions = new List<KeyValuePair<string, string>>();
        string? relatedAddress = null;
        int? relatedPort = null;
        for (int i = 8; i < fields.Length; i += 2)
        {
            if (i + 1 >= fields.Length)
            {
                throw new FormatException($"candidate extension '{fields[i]}' has no value");
            }
            switch (fields[i])
            {
                case "raddr": relatedAddress = fields[i + 1]; break;
                case "rport": relatedPort = ParsePort(fields[i + 1], "rport"); break;
                default: extensions.Add(new(fields[i], fields[i + 1])); break;
            }
        }
        return new IceCandidate
        {
            Foundation = fields[0],
            Component = ParseInt(fields[1], "component", 1, 256),
            Transport = fields[2],
            Priority = ParsePriority(fields[3]),
            Address = fields[4],
            Port = ParsePort(fields[5], "port"),
            Type = ParseType(fields[7]),
            RelatedAddress = relatedAddress,
            RelatedPort = relatedPort,
            Extensions = extensions,
        };
    }

    private static IceCandidateType ParseType(string token) => token switch
    {
        "host" => IceCandidateType.Host,
        "srflx" => IceCandidateType.ServerReflexive,
        "prflx" => IceCandidateType.PeerReflexive,
        "relay" => IceCandidateType.Relayed,
        _ => throw new FormatException($"unknown candidate type '{token}'"),
    };

    private static uint ParsePriority(string text) =>
        uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out uint priority)
            ? priority
            : throw new FormatException($"candidate priority '{text}' is not a 32-bit number");

    private static int ParsePort(string text, string name) => ParseInt(text, name, 0, 65535);

    private static int ParseInt(string text, string name, int min, int max) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value) && value >= min && value <= max
            ? value
            : throw new FormatException($"candidate {name} '{text}' is not a number in {min}..{max}");
}
