using System.Text.Json.Nodes;

namespace Realtime.Emulator.ClientSecrets;

/// <summary>
/// The session object OpenAI answers with: the caller's fields echoed, plus the ones the server
/// decides (<c>object</c>, <c>id</c>, and for realtime the <c>model</c> when none was given).
/// </summary>
internal static class ClientSecretSession
{
    public static JsonObject Describe(ClientSecretRequest request)
    {
        var isRealtime = request.SessionType == "realtime";
        var session = new JsonObject
        {
            ["type"] = request.SessionType,
            ["object"] = isRealtime ? "realtime.session" : "realtime.transcription_session",
            ["id"] = Secrets.RandomIds.Next("sess_", Secrets.RandomIds.IdLength),
        };
        if (isRealtime) session["model"] = (string?)request.Session["model"] ?? ClientSecretRequestValidator.DefaultModel;

        // Server-decided fields win: a caller cannot choose its own session id or object kind.
        foreach (var (name, value) in request.Session)
        {
            if (!session.ContainsKey(name)) session[name] = value?.DeepClone();
        }
        return session;
    }
}
