namespace Realtime.Emulator.Audio;

/// <summary>A committed user turn: the conversation item it became, how long it was, and what it said.</summary>
internal sealed record UserTurn(string ItemId, TimeSpan AudioLength, string Transcript);
