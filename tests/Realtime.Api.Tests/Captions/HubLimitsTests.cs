using System.Net;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Realtime.Api.Captions;
using Realtime.Api.Tests.Infrastructure;
using Realtime.Api.Tests.RateLimiting;

namespace Realtime.Api.Tests.Captions;

/// <summary>
/// The hub's own limits: a Publish budget per connection (Captions:PublishPerSecond / PublishBurst) and a cap on a
/// user's connections to this node (Captions:MaxConnectionsPerUser). A refusal is a Publish answer with a code or a 429 the client
/// can read, and one Information line in the log, never an error with a stack trace.
/// </summary>
public sealed class HubLimitsTests
{
    [Fact]
    public async Task Publishing_faster_than_the_budget_is_refused_with_one_information_line_each()
    {
        var settings = new Dictionary<string, string?> { ["Captions:PublishPerSecond"] = "1", ["Captions:PublishBurst"] = "3" };
        await UnauthenticatedRateLimitTests.WithHostAsync("Development", settings, async host =>
        {
            var (jwt, sessionId) = await SessionCalls.MintAsync(host);
            await using var speaker = await CaptionClient.ConnectAsync(host, jwt);

            var refusals = new List<HubRefusal>();
            for (var i = 0; i < 10; i++)
            {
                var answer = await speaker.TryPublishAsync(sessionId, OpenAIEvents.UserDelta($"item_{i}", "hello"));
                if (answer.Refusal is { } refusal) refusals.Add(refusal);
                else Assert.NotNull(answer.Ack);
            }

            Assert.InRange(refusals.Count, 1, 7);
            Assert.All(refusals, r => Assert.Equal(HubRefusalCodes.RateLimited, r.Code));
            Assert.All(refusals, r => Assert.InRange(r.RetryAfterMs ?? 0, 1, 1000));
            Assert.All(refusals, r => Assert.Contains("Too many Publish calls on this connection: at most 1 a second", r.Message));
            var lines = host.Logs.Lines.ToList();
            var logged = lines.Where(l => l.StartsWith("Information Realtime.Api.Captions.CaptionHub: Publish to", StringComparison.Ordinal)).ToList();
            Assert.Equal(refusals.Count, logged.Count);
            Assert.All(logged, l => Assert.DoesNotContain("   at ", l));
            var errors = lines.Where(l => (l.StartsWith("Error", StringComparison.Ordinal) || l.StartsWith("Warning", StringComparison.Ordinal))
                && l.Contains("HubException", StringComparison.Ordinal)).ToList();
            Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
        });
    }

    [Fact]
    public async Task A_user_over_the_connection_cap_is_refused_and_regains_room_when_one_closes()
    {
        await UnauthenticatedRateLimitTests.WithHostAsync("Development", new() { ["Captions:MaxConnectionsPerUser"] = "1" }, async host =>
        {
            var jwt = await DevTokens.ForAsync(host, DevTokens.NewUser());
            var first = await CaptionClient.ConnectAsync(host, jwt);

            var refused = await Assert.ThrowsAsync<HttpRequestException>(() => CaptionClient.ConnectAsync(host, jwt));
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            await using (await CaptionClient.ConnectAsync(host, await DevTokens.ForAsync(host, DevTokens.NewUser()))) { } // another user has room

            // A client that skips the negotiate is closed by the hub itself.
            await using var direct = new HubConnectionBuilder()
                .WithUrl(new Uri(host.BaseAddress, "/hubs/captions"), o =>
                {
                    o.SkipNegotiation = true;
                    o.Transports = HttpTransportType.WebSockets;
                    o.AccessTokenProvider = () => Task.FromResult<string?>(jwt);
                })
                .Build();
            var closed = new TaskCompletionSource();
            direct.Closed += _ =>
            {
                closed.TrySetResult();
                return Task.CompletedTask;
            };
            try
            {
                await direct.StartAsync();
            }
            catch (Exception)
            {
                closed.TrySetResult(); // closed before the start completed: refused all the same
            }
            await closed.Task.WaitAsync(TimeSpan.FromSeconds(10));
            Assert.Contains(host.Logs.Lines, l => l.StartsWith("Information Realtime.Api.Captions.CaptionHub: Caption connection of dev/", StringComparison.Ordinal));

            await first.DisposeAsync();
            await using var again = await ConnectWhenRoomAsync(host, jwt);
        });
    }

    // The server counts the first connection as gone once it has processed the close; until then the negotiate is refused.
    private static async Task<CaptionClient> ConnectWhenRoomAsync(ApiHost host, string jwt)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            try
            {
                return await CaptionClient.ConnectAsync(host, jwt);
            }
            catch (HttpRequestException e) when (e.StatusCode == HttpStatusCode.TooManyRequests && DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
        }
    }
}
