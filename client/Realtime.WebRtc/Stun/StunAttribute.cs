namespace Realtime.WebRtc.Stun;

/// <summary>One attribute as found on the wire: its type and its value without padding.</summary>
public readonly record struct StunAttribute(ushort Type, ReadOnlyMemory<byte> Value);
