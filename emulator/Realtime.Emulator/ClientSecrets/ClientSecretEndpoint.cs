using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using Realtime.Emulator.Auth;
using Realtime.Emulator.Errors;
using Realtime.Emulator.Http;
using Realtime.Emulator.Secrets;

namespace Realtime.Emulator.ClientSecrets;

/// <summary>
/// <c>POST /v1/realtime/client_secrets</c>: mints an <c>ek_…</c> secret the way OpenAI's GA API does.
/// Checks run in OpenAI's order: key, then API shape, then body.
/// </summary>
internal static class ClientSecretEndpoint
{
    public static async Task<IResult> HandleAsync(
        HttpContext context,
        [FromServices] ApiKeyAuthenticator authenticator,
        [FromServices] EphemeralSecretStore store,
        [FromServices] TimeProvider time)
    {
        if (authenticator.Check(context.Request) is { } denied) return denied.ToResult();
        if (BetaHeader.AsksForRealtimeBeta(context.Request)) return OpenAIError.BetaShapeDisabled().ToResult();

        var body = await JsonBody.ReadAsync(context.Request, context.RequestAborted);
        if (body.Error is { } unreadable) return unreadable.ToResult();

        var request = ClientSecretRequestValidator.Validate(body.Value);
        if (request.Error is { } invalid) return invalid.ToResult();

        return OpenAIJson.Result(Mint(request.Value!, store, time));
    }

    private static JsonObject Mint(ClientSecretRequest request, EphemeralSecretStore store, TimeProvider time)
    {
        // Whole seconds, so the expiry the store enforces is exactly the expires_at the caller sees.
        var expiresAt = DateTimeOffset.FromUnixTimeSeconds(time.GetUtcNow().ToUnixTimeSeconds() + request.ExpiresAfterSeconds);
        var session = ClientSecretSession.Describe(request);
        var secret = store.Mint(session, expiresAt);
        return new JsonObject
        {
            ["value"] = secret.Value,
            ["expires_at"] = expiresAt.ToUnixTimeSeconds(),
            ["session"] = session,
        };
    }
}
