using System.Collections.Concurrent;

namespace Realtime.Api.Tests.Infrastructure;

/// <summary>Records every response body and header a test client receives, to search them for secrets.</summary>
public sealed class ResponseRecorder : DelegatingHandler
{
    private readonly ConcurrentQueue<string> _responses = new();

    public ResponseRecorder() : base(new SocketsHttpHandler()) { }

    public IReadOnlyCollection<string> Responses => _responses;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        _responses.Enqueue($"{(int)response.StatusCode} {response.Headers} {response.Content.Headers} {body}");
        return response;
    }
}
