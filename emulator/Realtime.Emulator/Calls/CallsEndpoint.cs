using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using Realtime.Emulator.Auth;
using Realtime.Emulator.ClientSecrets;
using Realtime.Emulator.Errors;
using Realtime.Emulator.Secrets;
using Realtime.WebRtc.Sdp;

namespace Realtime.Emulator.Calls;

/// <summary>
/// <c>POST /v1/realtime/calls</c> (an SDP offer with an <c>ek_</c> secret, or with the platform <c>sk-</c> key and a
/// multipart <c>sdp</c> + <c>session</c> body → 201, the answer, <c>Location</c> of the call) and <c>POST /v1/realtime/calls/{id}/hangup</c>. Checks run in OpenAI's order: secret, then body.
/// </summary>
internal static class CallsEndpoint
{
    public static async Task<IResult> CreateAsync(
        HttpContext context,
        [FromServices] ApiKeyAuthenticator authenticator,
        [FromServices] EphemeralSecretStore secrets,
        [FromServices] RealtimeCallRegistry calls,
        [FromServices] TimeProvider time)
    {
        var token = ApiKeyAuthenticator.BearerToken(context.Request);
        if (token is null) return OpenAIError.MissingApiKey().ToResult();
        EphemeralSecret? secret = null;
        if (!token.StartsWith("sk-", StringComparison.Ordinal) && !secrets.TryGetValid(token, time.GetUtcNow(), out secret))
        {
            return OpenAIError.InvalidApiKey(ApiKeyMask.Mask(token)).ToResult();
        }
        if (secret is null && authenticator.Check(context.Request) is { } denied) return denied.ToResult();

        var (offer, unreadable) = await CallOfferReader.ReadAsync(context.Request, context.RequestAborted);
        if (unreadable is not null) return unreadable.ToResult();
        var session = secret is null ? ServerSession(offer!) : SecretSession(secret, offer!);
        if (session.Error is { } refused) return refused.ToResult();

        RealtimeCall call;
        try
        {
            // A call a server opened with its platform key can be ended with a platform key only.
            call = calls.Open(offer!.Sdp, session.Value!, secret?.Value ?? "");
        }
        catch (SdpParseException bad)
        {
            return OpenAIError.InvalidOffer(bad.Message).ToResult();
        }
        context.Response.Headers.Location = $"/v1/realtime/calls/{call.Id}";
        return Results.Text(call.Answer, "application/sdp", statusCode: StatusCodes.Status201Created);
    }

    /// <summary>With an <c>ek_</c> secret: the secret's session, adjusted by the form's, under the rules of a session.update.</summary>
    private static Outcome<JsonObject> SecretSession(EphemeralSecret secret, CallOffer offer)
    {
        var session = (JsonObject)secret.Session.DeepClone();
        if (offer.Session is not { } requested) return session;
        if (SessionUpdateValidator.Validate(requested, (string?)session["type"] ?? "realtime") is { } problem) return problem.ToHttpError();
        JsonMerge.Into(session, requested);
        return session;
    }

    /// <summary>
    /// With the platform key (a server creating the call itself, as OpenAI's own example does): there is no secret,
    /// so the form's <c>session</c> is required and becomes the effective session, OpenAI's defaults filled in.
    /// </summary>
    private static Outcome<JsonObject> ServerSession(CallOffer offer)
    {
        if (offer.Session is not { } requested) return OpenAIError.MissingParameter("session");
        if (SessionUpdateValidator.Validate(requested, null) is { } problem) return problem.ToHttpError();
        if (requested["model"] is JsonValue model && (string?)model == "") return OpenAIError.EmptyString("session.model");
        return ClientSecretSession.Describe(new ClientSecretRequest(ClientSecretRequestValidator.DefaultSeconds, requested));
    }

    /// <summary>
    /// OpenAI takes the platform key here; the <c>ek_</c> secret that opened the call is accepted too, for browser
    /// clients, and only that one: another call's secret is a 403 and the call goes on.
    /// </summary>
    public static async Task<IResult> HangUpAsync(
        string callId,
        HttpContext context,
        [FromServices] ApiKeyAuthenticator authenticator,
        [FromServices] EphemeralSecretStore secrets,
        [FromServices] RealtimeCallRegistry calls,
        [FromServices] TimeProvider time)
    {
        var token = ApiKeyAuthenticator.BearerToken(context.Request);
        if (Refusal(callId, token, context.Request, authenticator, secrets, calls, time) is { } refused) return refused.ToResult();
        return await calls.HangUpAsync(callId) ? Results.Ok() : OpenAIError.CallNotFound(callId).ToResult();
    }

    private static OpenAIError? Refusal(string callId, string? token, HttpRequest request,
        ApiKeyAuthenticator authenticator, EphemeralSecretStore secrets, RealtimeCallRegistry calls, TimeProvider time)
    {
        if (token is null || !token.StartsWith("ek_", StringComparison.Ordinal)) return authenticator.Check(request);
        var call = calls.Find(callId);
        if (call is not null && call.WasOpenedWith(token)) return null;
        if (!secrets.TryGetValid(token, time.GetUtcNow(), out _)) return OpenAIError.InvalidApiKey(ApiKeyMask.Mask(token));
        return call is null ? OpenAIError.CallNotFound(callId) : OpenAIError.NotTheCallsSecret(callId);
    }
}
