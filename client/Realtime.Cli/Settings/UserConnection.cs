using Realtime.Client.Api;
using Realtime.Client.Transport;

namespace Realtime.Cli.Settings;

/// <summary>
/// A user's way into the api for one run: one HTTP client, one token (given, or a development api's), and the
/// api client and hub connections that share them.
/// </summary>
internal sealed class UserConnection : IDisposable
{
    private readonly HttpClient _http = new();
    private readonly TokenSource _tokens;

    public UserConnection(CliSettings settings)
    {
        Settings = settings;
        _tokens = new TokenSource(settings, _http);
        Api = new RealtimeApiClient(settings.Api, _tokens.GetAsync, _http);
    }

    public CliSettings Settings { get; }

    public RealtimeApiClient Api { get; }

    public Func<CancellationToken, Task<string>> Token => _tokens.GetAsync;

    /// <summary>A connection to the captions hub with the same token (not yet started).</summary>
    public HubCaptionTransport Hub() => new(Settings.Api, async () => await _tokens.GetAsync(CancellationToken.None));

    public void Dispose()
    {
        Api.Dispose();
        _http.Dispose();
    }
}
