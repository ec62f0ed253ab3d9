namespace Realtime.WebRtc.Sdp;

/// <summary>One <c>x=value</c> line; sections keep their lines in order so a description round-trips as written.</summary>
public readonly record struct SdpLine(char Type, string Value)
{
    public override string ToString() => $"{Type}={Value}";
}
