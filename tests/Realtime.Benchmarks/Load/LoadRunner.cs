using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;

namespace Realtime.Benchmarks.Load;

/// <summary>
/// Closed-loop load: one client per user token, each sending POST /api/realtime-token as soon as its previous
/// answer is read, until the duration is over or the run's request cap is reached.
/// </summary>
public sealed class LoadRunner(HttpClient http)
{
    public const string Path = "/api/realtime-token";

    public async Task<LoadResult> RunAsync(Uri server, IReadOnlyList<string> tokens, TimeSpan duration, int maxRequests)
    {
        var target = new Uri(server, Path);
        var run = new Run(Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency), maxRequests);
        var started = Stopwatch.GetTimestamp();
        var before = ProcessCost.Now();
        var clients = await Task.WhenAll(tokens.Select(token => Task.Run(() => ClientAsync(target, token, run))));
        var elapsed = Stopwatch.GetElapsedTime(started);
        var cost = ProcessCost.Now() - before;

        var errors = clients.SelectMany(c => c.Errors).GroupBy(e => e.Key).ToDictionary(g => g.Key, g => g.Sum(e => e.Value));
        return new LoadResult(elapsed, [.. clients.SelectMany(c => c.Latencies).Order()], errors, cost);
    }

    private async Task<Tally> ClientAsync(Uri target, string token, Run run)
    {
        var tally = new Tally();
        var authorization = new AuthenticationHeaderValue("Bearer", token);
        while (Stopwatch.GetTimestamp() < run.Deadline && Interlocked.Increment(ref run.Issued) <= run.MaxRequests)
        {
            var sent = Stopwatch.GetTimestamp();
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, target);
                request.Headers.Authorization = authorization;
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead);
                if (response.StatusCode == HttpStatusCode.OK) tally.Latencies.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
                else tally.Count(((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                tally.Count(e.GetType().Name);
            }
        }
        return tally;
    }

    private sealed class Run(long deadline, int maxRequests)
    {
        public readonly long Deadline = deadline;
        public readonly int MaxRequests = maxRequests;
        public int Issued;
    }

    private sealed class Tally
    {
        public List<double> Latencies { get; } = new(16 * 1024);

        public Dictionary<string, int> Errors { get; } = [];

        public void Count(string kind) => Errors[kind] = Errors.GetValueOrDefault(kind) + 1;
    }
}
