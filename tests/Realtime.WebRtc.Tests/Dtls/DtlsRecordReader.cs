using System.Buffers.Binary;

namespace Realtime.WebRtc.Tests.Dtls;

/// <summary>Just enough DTLS parsing to inspect plaintext handshake messages on the wire in tests.</summary>
internal static class DtlsRecordReader
{
    /// <summary>Unfragmented epoch-0 handshake messages in a datagram: (type, body).</summary>
    public static IEnumerable<(byte Type, byte[] Body)> HandshakeMessages(byte[] datagram)
    {
        int offset = 0;
        while (offset + 13 <= datagram.Length)
        {
            int length = BinaryPrimitives.ReadUInt16BigEndian(datagram.AsSpan(offset + 11));
            bool plaintextHandshake = datagram[offset] == 22 && BinaryPrimitives.ReadUInt16BigEndian(datagram.AsSpan(offset + 3)) == 0;
            if (plaintextHandshake && length >= 12)
            {
                byte[] fragment = datagram.AsSpan(offset + 13, length).ToArray();
                int fragmentLength = (fragment[9] << 16) | (fragment[10] << 8) | fragment[11];
                yield return (fragment[0], fragment.AsSpan(12, fragmentLength).ToArray());
            }
            offset += 13 + length;
        }
    }

    /// <summary>Extension type → data from a ClientHello (or ServerHello when <paramref name="serverHello"/>) body.</summary>
    public static Dictionary<int, byte[]> Extensions(byte[] body, bool serverHello)
    {
        int at = 2 + 32;
        at += 1 + body[at]; // session id
        if (serverHello)
        {
            at += 2 + 1; // cipher suite, compression method
        }
        else
        {
            at += 1 + body[at]; // cookie
            at += 2 + BinaryPrimitives.ReadUInt16BigEndian(body.AsSpan(at)); // cipher suites
            at += 1 + body[at]; // compression methods
        }
        int end = at + 2 + BinaryPrimitives.ReadUInt16BigEndian(body.AsSpan(at));
        var extensions = new Dictionary<int, byte[]>();
        for (at += 2; at + 4 <= end;)
        {
            int type = BinaryPrimitives.ReadUInt16BigEndian(body.AsSpan(at));
            int length = BinaryPrimitives.ReadUInt16BigEndian(body.AsSpan(at + 2));
            extensions[type] = body.AsSpan(at + 4, length).ToArray();
            at += 4 + length;
        }
        return extensions;
    }

    /// <summary>(content type, record length with header) of each record in a datagram, as a reader walking the lengths sees them.</summary>
    public static List<(byte ContentType, int Length)> Records(byte[] datagram)
    {
        var records = new List<(byte, int)>();
        for (int offset = 0; offset + 13 <= datagram.Length;)
        {
            int length = 13 + BinaryPrimitives.ReadUInt16BigEndian(datagram.AsSpan(offset + 11));
            records.Add((datagram[offset], length));
            offset += length;
        }
        return records;
    }
}
