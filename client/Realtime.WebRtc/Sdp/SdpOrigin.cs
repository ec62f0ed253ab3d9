namespace Realtime.WebRtc.Sdp;

/// <summary><c>o=&lt;username&gt; &lt;sess-id&gt; &lt;sess-version&gt; IN IP4 &lt;address&gt;</c>; ids stay text (any digits are allowed).</summary>
public sealed record SdpOrigin(string Username, string SessionId, string SessionVersion, string NetworkType, string AddressType, string Address)
{
    public static SdpOrigin Parse(string value)
    {
        string[] fields = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length != 6)
        {
            throw new FormatException("origin must be '<username> <sess-id> <sess-version> <nettype> <addrtype> <address>'");
        }
        if (!fields[1].All(char.IsAsciiDigit) || !fields[2].All(char.IsAsciiDigit))
        {
            throw new FormatException("origin session id and version must be digits");
        }
        return new SdpOrigin(fields[0], fields[1], fields[2], fields[3], fields[4], fields[5]);
    }

    public string ToLineValue() => $"{Username} {SessionId} {SessionVersion} {NetworkType} {AddressType} {Address}";
}
