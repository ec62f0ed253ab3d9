using System.Text.Json;
using System.Text.Json.Serialization;

namespace Realtime.Client.Api;

/// <summary>The api's JSON conventions (snake_case, nulls left out) in one place for every request and answer.</summary>
internal static class ApiJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var document = await JsonDocument.ParseAsync(body, default, cancellationToken);
        return document.RootElement.Clone();
    }

    public static T Bind<T>(JsonElement answer) =>
        answer.Deserialize<T>(Options) ?? throw new JsonException($"The api answered null where a {typeof(T).Name} was expected.");
}
