using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Realtime.Emulator.Http;

/// <summary>
/// Writes JSON answers from nodes, serialized here rather than by the host's JSON options: the api
/// that mounts the emulator may name or omit properties differently, and OpenAI's shape
/// (snake_case, explicit <c>null</c>s) must survive that.
/// </summary>
internal static class OpenAIJson
{
    // Relaxed escaping keeps messages readable ("didn't", not "didn\u0027t"); the body is never HTML.
    private static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static IResult Result(JsonNode body, int status = StatusCodes.Status200OK) =>
        Results.Text(body.ToJsonString(Options), "application/json", Encoding.UTF8, status);
}
