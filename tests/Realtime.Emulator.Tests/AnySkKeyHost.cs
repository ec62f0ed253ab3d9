namespace Realtime.Emulator.Tests;

/// <summary>A host with no keys listed: any <c>sk-</c> key is accepted, as on a developer machine.</summary>
public sealed class AnySkKeyHost() : EmulatorHost;
