using System.Text.Json.Nodes;

namespace Realtime.Api.Upstream;

/// <summary>What OpenAI answered: the ephemeral secret, its expiry, and the session it is bound to.</summary>
public sealed record MintedSecret(string Value, DateTimeOffset ExpiresAt, JsonObject Session);
