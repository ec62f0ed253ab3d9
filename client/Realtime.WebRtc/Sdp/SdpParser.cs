using System.Globalization;

namespace Realtime.WebRtc.Sdp;

/// <summary>
/// Line-by-line SDP reader: structure is checked strictly (v=0 first, o= and s= present, well-formed m= lines),
/// attributes WebRTC relies on are validated where they stand so errors carry their line number, and anything
/// unknown is kept as is.
/// </summary>
internal static class SdpParser
{
    public static SessionDescription Parse(string text)
    {
        var description = new SessionDescription();
        SdpSection current = description;
        string[] lines = text.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            int number = i + 1;
            string line = lines[i].TrimEnd('\r');
            if (line.Length == 0)
            {
                continue; // the final CRLF leaves an empty line; tolerate stray blank ones too
            }
            (char type, string value) = SplitLine(line, number);
            CheckOrder(description, type, number, line);
            if (type == 'm')
            {
                current = ParseMediaLine(value, number, line);
                description.Media.Add((MediaDescription)current);
                continue;
            }
            if (type == 'a')
            {
                SdpAttributeValidator.Validate(SdpAttribute.FromLineValue(value), current, number, line);
            }
            current.Lines.Add(new SdpLine(type, value));
        }
        CheckComplete(description);
        return description;
    }

    private static (char Type, string Value) SplitLine(string line, int number)
    {
        if (line.Length < 2 || line[1] != '=' || line[0] is < 'a' or > 'z')
        {
            throw new SdpParseException(number, "expected '<letter>=<value>'", line);
        }
        return (line[0], line[2..]);
    }

    private static void CheckOrder(SessionDescription description, char type, int number, string line)
    {
        bool first = description.Lines.Count == 0 && description.Media.Count == 0;
        if (first && (type != 'v' || line != "v=0"))
        {
            throw new SdpParseException(number, "an SDP must start with v=0", line);
        }
        if (!first && type == 'v')
        {
            throw new SdpParseException(number, "v= may appear only once, first", line);
        }
        if (type == 'o')
        {
            Validate(number, line, () => SdpOrigin.Parse(line[2..]));
        }
    }

    private static MediaDescription ParseMediaLine(string value, int number, string line)
    {
        string[] fields = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 4)
        {
            throw new SdpParseException(number, "m= needs '<media> <port> <proto> <fmt> …'", line);
        }
        string[] port = fields[1].Split('/');
        if (!TryPort(port[0], out int portNumber) || port.Length > 2 || (port.Length == 2 && !TryPort(port[1], out _)))
        {
            throw new SdpParseException(number, $"m= port '{fields[1]}' is not a port number", line);
        }
        var media = new MediaDescription(fields[0], portNumber, fields[2], fields[3..]) { LineNumber = number };
        if (port.Length == 2)
        {
            media.PortCount = int.Parse(port[1], CultureInfo.InvariantCulture);
        }
        return media;
    }

    private static void CheckComplete(SessionDescription description)
    {
        if (description.Lines.Count == 0)
        {
            throw new SdpParseException(0, "the SDP is empty");
        }
        foreach (char required in "os")
        {
            if (!description.Lines.Any(l => l.Type == required))
            {
                throw new SdpParseException(0, $"the session has no {required}= line");
            }
        }
    }

    private static bool TryPort(string text, out int port) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out port) && port <= 65535;

    private static void Validate(int number, string line, Action parse)
    {
        try
        {
            parse();
        }
        catch (FormatException e)
        {
            throw new SdpParseException(number, e.Message, line);
        }
    }
}
