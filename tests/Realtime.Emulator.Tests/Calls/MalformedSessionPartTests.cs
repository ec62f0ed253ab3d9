using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Realtime.Testing;

namespace Realtime.Emulator.Tests.Calls;

/// <summary>
/// The multipart <c>session</c> part of <c>POST /v1/realtime/calls</c> is read as the bytes sent: a duplicate
/// name, an unpaired surrogate or invalid UTF-8 (which a form reader would silently replace) is OpenAI's 400
/// naming the fault, with <c>param</c> <c>session</c>; a broken multipart body is a 400 too.
/// </summary>
public sealed class MalformedSessionPartTests(CallsHost host) : IClassFixture<CallsHost>
{
    [Theory]
    [MemberData(nameof(MalformedJson.Cases), MemberType = typeof(MalformedJson))]
    public async Task A_malformed_session_part_is_400_naming_the_fault(string fault)
    {
        var secret = await host.MintSecretAsync();
        var session = new ByteArrayContent(MalformedJson.Bytes(fault));
        session.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var form = new MultipartFormDataContent { { new StringContent("v=0\r\n", Encoding.UTF8, "application/sdp"), "sdp" }, { session, "session" } };

        var error = await OpenAIErrorAssert.IsErrorAsync(await PostAsync(secret, form), HttpStatusCode.BadRequest, code: null, param: "session");

        Assert.Contains(MalformedJson.Problem(fault), error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task A_session_part_sent_as_a_file_is_read_too()
    {
        var secret = await host.MintSecretAsync();
        var session = new ByteArrayContent("""{"type":"realtime","temperature":0.8}"""u8.ToArray());
        session.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var form = new MultipartFormDataContent { { new StringContent("v=0\r\n", Encoding.UTF8, "application/sdp"), "sdp" }, { session, "session", "blob" } };

        await OpenAIErrorAssert.IsErrorAsync(await PostAsync(secret, form), HttpStatusCode.BadRequest, "unknown_parameter", "session.temperature");
    }

    [Fact]
    public async Task A_multipart_body_without_its_closing_boundary_is_400()
    {
        var secret = await host.MintSecretAsync();
        var content = new StringContent("--b\r\nContent-Disposition: form-data; name=\"sdp\"\r\n\r\nv=0\r\n", Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=b");

        await OpenAIErrorAssert.IsErrorAsync(await PostAsync(secret, content), HttpStatusCode.BadRequest, "invalid_multipart", null);
    }

    [Fact]
    public async Task A_chunked_session_part_over_64_KiB_is_413()
    {
        var secret = await host.MintSecretAsync();
        var big = "{\"type\":\"realtime\",\"instructions\":\"" + new string('x', 70 * 1024) + "\"}";
        var form = new MultipartFormDataContent { { new StringContent("v=0\r\n", Encoding.UTF8, "application/sdp"), "sdp" }, { new StringContent(big, Encoding.UTF8, "application/json"), "session" } };
        var chunked = new StreamContent(await form.ReadAsStreamAsync());
        chunked.Headers.ContentType = form.Headers.ContentType;
        using var request = new HttpRequestMessage(HttpMethod.Post, CallsHost.CallsPath) { Content = chunked };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        request.Headers.TransferEncodingChunked = true;

        await OpenAIErrorAssert.IsErrorAsync(await host.Client.SendAsync(request), HttpStatusCode.RequestEntityTooLarge, "request_too_large", null);
    }

    private async Task<HttpResponseMessage> PostAsync(string secret, HttpContent content)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, CallsHost.CallsPath) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return await host.Client.SendAsync(request);
    }
}
