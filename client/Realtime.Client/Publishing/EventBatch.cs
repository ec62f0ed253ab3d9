using System.Text.Json;

namespace Realtime.Client.Publishing;

/// <summary>Events published together, numbered in the order they were sealed.</summary>
public sealed record EventBatch(long Number, IReadOnlyList<JsonElement> Events);
