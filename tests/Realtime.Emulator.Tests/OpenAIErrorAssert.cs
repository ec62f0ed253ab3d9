using System.Net;
using System.Text.Json;

namespace Realtime.Emulator.Tests;

/// <summary>Asserts OpenAI's error shape: status, JSON content type, and all four fields of <c>error</c>.</summary>
public static class OpenAIErrorAssert
{
    public static async Task<JsonElement> IsErrorAsync(
        HttpResponseMessage response, HttpStatusCode status, string? code, string? param, string type = "invalid_request_error")
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);

        var error = JsonDocument.Parse(text).RootElement.GetProperty("error");
        Assert.Equal(type, error.GetProperty("type").GetString());
        Assert.Equal(code, NullableString(error.GetProperty("code")));
        Assert.Equal(param, NullableString(error.GetProperty("param")));
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("message").GetString()));
        return error;
    }

    /// <summary>The JSON value as a string, requiring it to be a string or an explicit null (never absent).</summary>
    private static string? NullableString(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.String => element.GetString(),
        _ => throw new Xunit.Sdk.XunitException($"expected a string or null, got {element.ValueKind}"),
    };
}
