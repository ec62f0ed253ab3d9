using System.Text.Json.Nodes;

namespace Realtime.Emulator.Secrets;

/// <summary>
/// One minted <c>ek_…</c> secret: what the calls endpoint needs to accept an SDP offer made with it
/// (its expiry, and the session it was minted for, whose model and settings the call takes).
/// </summary>
public sealed record EphemeralSecret(string Value, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, JsonObject Session)
{
    /// <summary>A secret opens calls until it expires; the expiry instant itself is already too late.</summary>
    public bool IsValidAt(DateTimeOffset now) => now < ExpiresAt;
}
