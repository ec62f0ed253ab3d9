namespace Realtime.WebRtc.Stun;

/// <summary>STUN methods; ICE only ever uses Binding.</summary>
public enum StunMethod : ushort
{
    Binding = 0x001,
}
