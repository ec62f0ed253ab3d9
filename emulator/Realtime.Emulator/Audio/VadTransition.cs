namespace Realtime.Emulator.Audio;

/// <summary>
/// Speech began or ended at <see cref="At"/> on the audio's own timeline: the boundary itself, not the moment
/// the detector became sure of it (an end is only known once the silence has lasted long enough).
/// </summary>
internal sealed record VadTransition(bool Started, TimeSpan At);
