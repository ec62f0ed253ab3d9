using Realtime.Cli.Settings;
using Realtime.Cli.Speaking;
using Realtime.Client.Speaking;
using Realtime.WebRtc.Audio;

namespace Realtime.Cli.Load;

/// <summary>
/// N concurrent speakers, each in a session of its own, repeating the file until the run's time is up, then
/// letting the last turn settle and hanging up. With a token every speaker is its user; without one each is a
/// development user of its own (<c>--user</c> plus its number), so one user's budgets do not cap the run. Every
/// failure is counted, never thrown: a load test reports.
/// </summary>
internal sealed class LoadRun(CliSettings settings, string type, short[] samples, TimeSpan duration, int settleSeconds)
{
    public LoadStatistics Statistics { get; } = new();

    public Task RunAsync(int speakers, CancellationToken cancellationToken) =>
        Task.WhenAll(Enumerable.Range(1, speakers).Select(number => Task.Run(() => SpeakAsync(number, cancellationToken), cancellationToken)));

    private async Task SpeakAsync(int number, CancellationToken cancellationToken)
    {
        try
        {
            using var user = new UserConnection(settings.Token is null ? settings.ForUser($"{settings.User}-{number}") : settings);
            await using var speaker = SpeakerSetup.Create(user, type);
            speaker.ErrorRaised += error => Statistics.OnError($"{error.Source} {error.Code}: {error.Message}");
            await speaker.ConnectAsync(cancellationToken: cancellationToken);
            Statistics.OnConnected();
            var until = DateTimeOffset.UtcNow + duration;
            do
            {
                Statistics.OnPlayed(await speaker.SpeakAsync(new WavFileSource(samples), null, cancellationToken));
            }
            while (DateTimeOffset.UtcNow < until);
            Statistics.OnPlayed(await speaker.SpeakAsync(new SilenceSource(SpeakerSetup.TrailingSilence), null, cancellationToken));
            await SpeakerSetup.SettleAsync(speaker, settleSeconds, cancellationToken);
            await speaker.StopAsync(cancellationToken);
            Statistics.OnFinished(speaker.Turns);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl+C: the run reports what it has.
        }
        catch (Exception e)
        {
            Statistics.OnError(e.Message);
        }
    }
}
