using System.Text.Json.Nodes;

namespace Realtime.Emulator.ClientSecrets;

/// <summary>
/// A <c>POST /v1/realtime/client_secrets</c> body that passed validation, defaults applied.
/// <paramref name="Session"/> is the caller's session object (a private copy) with a valid <c>type</c>.
/// </summary>
internal sealed record ClientSecretRequest(int ExpiresAfterSeconds, JsonObject Session)
{
    public string SessionType => (string)Session["type"]!;
}
