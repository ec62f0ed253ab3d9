namespace Realtime.Api.Tokens;

/// <summary>The GA client_secrets body to send upstream, the session type and model it asks for, and the secret's lifetime.</summary>
public sealed record UpstreamSession(System.Text.Json.Nodes.JsonObject Body, string Type, string Model, int TtlSeconds);
