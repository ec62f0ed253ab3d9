namespace Realtime.Benchmarks.Captions;

/// <summary>The one field of a <c>Caption</c> message a viewer here reads (both hubs send more; the rest is ignored).</summary>
public sealed record CaptionText(string Text);
