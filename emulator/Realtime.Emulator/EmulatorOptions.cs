namespace Realtime.Emulator;

/// <summary>The emulator's settings, bound from the <c>Emulator</c> configuration section.</summary>
public sealed class EmulatorOptions
{
    public const string SectionName = "Emulator";

    /// <summary>
    /// The platform keys the emulator accepts. Empty means "any key starting <c>sk-</c>", so a
    /// developer machine works without configuring anything.
    /// </summary>
    public string[] ApiKeys { get; set; } = [];
}
