namespace Realtime.Emulator.Audio;

/// <summary>One word of a spoken answer: the transcript delta it contributes and the tone that voices it.</summary>
internal sealed record AnswerWord(string Delta, TimeSpan Start, TimeSpan Length, double Frequency);
