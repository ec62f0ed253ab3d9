using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Realtime.Api.Tests.Infrastructure;

namespace Realtime.Api.Tests.OpenApi;

/// <summary>
/// /openapi/v1.json describes what the endpoints really answer: each success schema with its snake_case fields
/// (the same names the wire carries) and each problem+json status, and Development serves the API reference from it.
/// </summary>
[Collection(DevCollection.Name)]
public sealed class OpenApiDocumentTests(DevApiHost host)
{
    private static readonly string[] TokenProblems = ["400", "401", "403", "413", "415", "429", "502", "503", "504"];

    [Fact]
    public async Task The_token_route_lists_its_success_schema_and_every_problem_it_answers()
    {
        var document = await DocumentAsync();

        var responses = Responses(document, "/api/realtime-token", "post");
        Assert.Equal(["200", .. TokenProblems], responses.Select(r => r.Key).Order(StringComparer.Ordinal));
        Assert.Equal(["calls_url", "client_secret", "expires_at", "model", "session", "session_id", "value"], SuccessFields(document, responses));
        foreach (var status in TokenProblems)
            Assert.Equal("#/components/schemas/ProblemDetails", responses[status]!["content"]!["application/problem+json"]!["schema"]!["$ref"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_documented_token_schema_names_exactly_the_fields_a_mint_returns()
    {
        var document = await DocumentAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/realtime-token");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await DevTokens.ForAsync(host, DevTokens.NewUser()));

        using var response = await host.Client.SendAsync(request);
        var minted = await HttpAssert.OkAsync(response);

        Assert.Equal(SuccessFields(document, Responses(document, "/api/realtime-token", "post")), minted.Select(p => p.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_dev_token_schema_names_exactly_the_fields_it_returns()
    {
        var document = await DocumentAsync();

        using var response = await host.Client.PostAsJsonAsync("/dev/token", new JsonObject { ["user"] = DevTokens.NewUser() });
        var issued = await HttpAssert.OkAsync(response);

        Assert.Equal(SuccessFields(document, Responses(document, "/dev/token", "post")), issued.Select(p => p.Key).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("/api/sessions/{id}/viewer-token", "post", new[] { "expires_at", "token", "watch_url" })]
    [InlineData("/api/sessions/{id}/transcript", "get", new[] { "segments", "session_id" })]
    [InlineData("/admin/tenants/{tid}/usage", "get", new[] { "granted_last_minute", "tenant_id", "tenant_per_minute" })]
    public async Task Json_answers_are_named_records_in_the_document(string path, string method, string[] fields)
    {
        var document = await DocumentAsync();

        var responses = Responses(document, path, method);

        Assert.Equal(fields, SuccessFields(document, responses));
        Assert.Contains(responses, r => r.Key == "404" && r.Value!["content"]!["application/problem+json"] is not null);
    }

    [Fact]
    public async Task The_transcript_documents_its_text_formats_beside_the_json()
    {
        var document = await DocumentAsync();

        var ok = Responses(document, "/api/sessions/{id}/transcript", "get")["200"]!["content"]!.AsObject();

        Assert.Equal(["application/json", "application/x-subrip", "text/plain", "text/vtt"], ok.Select(c => c.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Development_serves_the_api_reference_reading_the_document()
    {
        using var response = await host.Client.GetAsync("/scalar/");
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("openapi/v1.json", page);
        using var script = await host.Client.GetAsync("/scalar/scalar.js");
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
    }

    private async Task<JsonObject> DocumentAsync()
    {
        using var response = await host.Client.GetAsync("/openapi/v1.json");
        return await HttpAssert.OkAsync(response);
    }

    private static JsonObject Responses(JsonObject document, string path, string method) =>
        document["paths"]![path]![method]!["responses"]!.AsObject();

    private static string[] SuccessFields(JsonObject document, JsonObject responses)
    {
        var reference = responses["200"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>();
        var schema = document["components"]!["schemas"]![reference.Split('/')[^1]]!;
        return schema["properties"]!.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal).ToArray();
    }
}
