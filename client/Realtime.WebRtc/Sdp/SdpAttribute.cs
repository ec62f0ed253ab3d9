namespace Realtime.WebRtc.Sdp;

/// <summary>An <c>a=</c> line split at its first colon: <c>a=rtcp-mux</c> has no value, <c>a=mid:0</c> has "0".</summary>
public readonly record struct SdpAttribute(string Name, string? Value)
{
    public static SdpAttribute FromLineValue(string lineValue)
    {
        int colon = lineValue.IndexOf(':');
        return colon < 0 ? new SdpAttribute(lineValue, null) : new SdpAttribute(lineValue[..colon], lineValue[(colon + 1)..]);
    }

    public string ToLineValue() => Value is null ? Name : $"{Name}:{Value}";

    public override string ToString() => "a=" + ToLineValue();
}
