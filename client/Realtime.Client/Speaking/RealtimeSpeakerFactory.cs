using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Realtime.Client.Speaking;

/// <summary>
/// Makes speakers with the options bound from configuration and the host's logging, one per call; a token factory
/// given here (e.g. your backend signing a JWT) is used instead of <see cref="RealtimeSpeakerOptions.Token"/>.
/// </summary>
public sealed class RealtimeSpeakerFactory(IOptions<RealtimeSpeakerOptions> options, ILoggerFactory loggers)
{
    public RealtimeSpeaker Create(Func<CancellationToken, Task<string>>? token = null) =>
        new(options.Value, token, loggers.CreateLogger<RealtimeSpeaker>());
}
