using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Realtime.Emulator.Secrets;

namespace Realtime.Emulator.Calls;

/// <summary>
/// The calls in progress. A call leaves when its peer goes away, on hangup, after OpenAI's 60-minute cap, and
/// every call is closed when the host shuts down (the container disposes this singleton).
/// </summary>
public sealed partial class RealtimeCallRegistry(TimeProvider time, ILogger<RealtimeCallRegistry> logger) : IAsyncDisposable
{
    /// <summary>OpenAI ends a call after 60 minutes whatever happens.</summary>
    public static readonly TimeSpan MaxCallLength = TimeSpan.FromMinutes(60);

    private readonly ConcurrentDictionary<string, RealtimeCall> _calls = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _shutdown = new();
    private long _endedPlayed;
    private long _endedLate;

    public int Count => _calls.Count;

    /// <summary>Answer frames of every call so far, ended or in progress.</summary>
    public AnswerFrameTotals AnswerFrames
    {
        get
        {
            long played = Interlocked.Read(ref _endedPlayed), late = Interlocked.Read(ref _endedLate);
            foreach (var call in _calls.Values)
            {
                played += call.AnswerFrames.Played;
                late += call.AnswerFrames.Late;
            }
            return new AnswerFrameTotals(played, late);
        }
    }

    internal RealtimeCall Open(string offerSdp, JsonObject session, string secret)
    {
        ObjectDisposedException.ThrowIf(_shutdown.IsCancellationRequested, this);
        var call = RealtimeCall.Create(RandomIds.Next("rtc_", RandomIds.IdLength), offerSdp, session, secret);
        _calls[call.Id] = call;
        _ = EndWhenDoneAsync(call);
        LogAnswered(logger, call.Id);
        return call;
    }

    /// <summary>The call in progress with this id, or null.</summary>
    internal RealtimeCall? Find(string callId) => _calls.GetValueOrDefault(callId);

    /// <summary>Ends a call; false when there is no such call (already ended or never existed).</summary>
    public async Task<bool> HangUpAsync(string callId)
    {
        if (!_calls.TryRemove(callId, out var call)) return false;
        await call.DisposeAsync();
        Interlocked.Add(ref _endedPlayed, call.AnswerFrames.Played);
        Interlocked.Add(ref _endedLate, call.AnswerFrames.Late);
        LogHungUp(logger, callId);
        return true;
    }

    public async ValueTask DisposeAsync()
    {
        if (_shutdown.IsCancellationRequested) return;
        await _shutdown.CancelAsync();
        await Task.WhenAll(_calls.Keys.ToList().Select(HangUpAsync));
        _shutdown.Dispose();
    }

    private async Task EndWhenDoneAsync(RealtimeCall call)
    {
        try
        {
            await call.Ended.WaitAsync(MaxCallLength, time, _shutdown.Token);
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            // Over the cap, or shutting down (DisposeAsync closes every call itself).
        }
        await HangUpAsync(call.Id);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Emulated call {CallId} answered")]
    private static partial void LogAnswered(ILogger logger, string callId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Emulated call {CallId} hung up")]
    private static partial void LogHungUp(ILogger logger, string callId);
}
