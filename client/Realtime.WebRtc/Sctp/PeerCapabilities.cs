namespace Realtime.WebRtc.Sctp;

/// <summary>
/// What an INIT or INIT-ACK tells us beyond its fixed fields: extension support, and parameters we do not
/// understand, handled by the top two bits of their type (RFC 9260 §3.2.1): 00 stop, 01 stop and report,
/// 10 skip, 11 skip and report.
/// </summary>
internal sealed record PeerCapabilities(bool ForwardTsn, bool Reconfig, List<SctpTlv> Unrecognized)
{
    public static PeerCapabilities Read(InitChunk init)
    {
        bool forwardTsn = false, reconfig = false;
        var unrecognized = new List<SctpTlv>();
        foreach (SctpTlv parameter in init.Parameters)
        {
            if (parameter.Type == SctpParameterType.ForwardTsnSupported)
            {
                forwardTsn = true;
            }
            else if (parameter.Type == SctpParameterType.SupportedExtensions)
            {
                forwardTsn |= parameter.Value.Contains((byte)SctpChunkType.ForwardTsn);
                reconfig |= parameter.Value.Contains((byte)SctpChunkType.Reconfig);
            }
            else if (!SctpParameterType.IsKnown(parameter.Type))
            {
                if ((parameter.Type & 0x4000) != 0)
                {
                    unrecognized.Add(parameter);
                }
                if ((parameter.Type & 0x8000) == 0)
                {
                    break;
                }
            }
        }
        return new PeerCapabilities(forwardTsn, reconfig, unrecognized);
    }
}
