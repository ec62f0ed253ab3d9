namespace Realtime.Emulator.Tests;

/// <summary>A host that accepts only the listed keys (<c>Emulator:ApiKeys</c> set).</summary>
public sealed class ListedKeysHost() : EmulatorHost(Key, OtherKey)
{
    public const string Key = "sk-test-emulator-key-0123456789abcdef";
    public const string OtherKey = "sk-second-listed-key-fedcba9876543210";
}
