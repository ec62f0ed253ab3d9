namespace Realtime.WebRtc.Stun;

/// <summary>
/// A STUN message type: a 12-bit method and a 2-bit class interleaved into 14 bits on the wire
/// (RFC 8489 §5: the class bits sit at positions 4 and 8).
/// </summary>
public readonly record struct StunMessageType(StunMethod Method, StunClass Class)
{
    public static StunMessageType BindingRequest => new(StunMethod.Binding, StunClass.Request);
    public static StunMessageType BindingSuccess => new(StunMethod.Binding, StunClass.SuccessResponse);
    public static StunMessageType BindingError => new(StunMethod.Binding, StunClass.ErrorResponse);
    public static StunMessageType BindingIndication => new(StunMethod.Binding, StunClass.Indication);

    public bool IsResponse => Class is StunClass.SuccessResponse or StunClass.ErrorResponse;

    /// <summary>The 16-bit value written in the header (top two bits always zero).</summary>
    public ushort ToWire()
    {
        int m = (int)Method;
        int c = (int)Class;
        int value = (m & 0x000F) | ((m & 0x0070) << 1) | ((m & 0x0F80) << 2) | ((c & 1) << 4) | ((c & 2) << 7);
        return (ushort)value;
    }

    public static StunMessageType FromWire(ushort value)
    {
        int method = (value & 0x000F) | ((value & 0x00E0) >> 1) | ((value & 0x3E00) >> 2);
        int cls = ((value >> 4) & 1) | ((value >> 7) & 2);
        return new StunMessageType((StunMethod)method, (StunClass)cls);
    }
}
