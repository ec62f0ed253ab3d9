using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using Realtime.Emulator.Auth;
using Realtime.Emulator.Errors;
using Realtime.Emulator.Secrets;
using Realtime.WebRtc.Sdp;

namespace Realtime.Emulator.Calls;

/// <summary>
/// <c>POST /v1/realtime/calls</c> (an SDP offer with an <c>ek_</c> secret → 201, the answer, <c>Location</c> of
/// the call) and <c>POST /v1/realtime/calls/{id}/hangup</c>. Checks run in OpenAI's order: secret, then body.
/// </summary>
internal static class CallsEndpoint
{
    public static async Task<IResult> CreateAsync(
        HttpContext context,
        [FromServices] EphemeralSecretStore secrets,
        [FromServices] RealtimeCallRegistry calls,
        [FromServices] TimeProvider time)
    {
        var token = ApiKeyAuthenticator.BearerToken(context.Request);
        if (token is null) return OpenAIError.MissingApiKey().ToResult();
        if (!secrets.TryGetValid(token, time.GetUtcNow(), out var secret))
        {
            return OpenAIError.InvalidApiKey(ApiKeyMask.Mask(token)).ToResult();
        }

        var (offer, unreadable) = await CallOfferReader.ReadAsync(context.Request, context.RequestAborted);
        if (unreadable is not null) return unreadable.ToResult();

        var session = (JsonObject)secret.Session.DeepClone();
        if (offer!.Session is { } requested)
        {
            // The form's session adjusts the secret's, under the same GA rules as a session.update.
            var problem = SessionUpdateValidator.Validate(requested, (string?)session["type"] ?? "realtime");
            if (problem is not null) return new OpenAIError(StatusCodes.Status400BadRequest, problem.Message, problem.Type, problem.Param, problem.Code).ToResult();
            foreach (var (name, value) in requested) session[name] = value?.DeepClone();
        }

        RealtimeCall call;
        try
        {
            call = calls.Open(offer.Sdp, session, token);
        }
        catch (SdpParseException bad)
        {
            return OpenAIError.InvalidOffer(bad.Message).ToResult();
        }
        context.Response.Headers.Location = $"/v1/realtime/calls/{call.Id}";
        return Results.Text(call.Answer, "application/sdp", statusCode: StatusCodes.Status201Created);
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
