using System.Net;
using Realtime.Api.Captions;
using Realtime.Api.Tests.Infrastructure;

namespace Realtime.Api.Tests.Captions;

/// <summary>
/// Who may publish, watch and read: the owner does everything; a share token or a same-tenant '*' token
/// watches and reads; another user, another tenant and a watch-only token publishing are refused.
/// </summary>
[Collection(TwoNodeCollection.Name)]
public sealed class CaptionAuthorizationTests(TwoNodeCluster cluster)
{
    [Fact]
    public async Task The_authorization_matrix_holds_on_both_nodes()
    {
        var (owner, sessionId) = await SessionCalls.MintAsync(cluster.NodeA);
        var share = await HttpAssert.OkAsync(await SessionCalls.PostAsync(cluster.NodeA, owner, $"/api/sessions/{sessionId}/viewer-token"));
        var shareToken = share["token"]!.GetValue<string>();
        Assert.Contains($"/watch/{sessionId}?token=", share["watch_url"]!.GetValue<string>());
        var star = await DevTokens.ForAsync(cluster.NodeB, DevTokens.NewUser(), watch: "*");
        var stranger = await DevTokens.ForAsync(cluster.NodeB, DevTokens.NewUser());
        var otherSession = await DevTokens.ForAsync(cluster.NodeB, DevTokens.NewUser(), watch: "ses_AAAAAAAAAAAAAAAAAAAAAAAA");
        var otherTenant = "auth-" + Guid.NewGuid().ToString("N")[..8];
        var foreign = TestJwt.Create(await cluster.NodeA.ProvisionTenantAsync(otherTenant), otherTenant, "mallory", watch: "*");
        var foreignOwnerName = TestJwt.Create(await cluster.NodeA.ProvisionTenantAsync(otherTenant + "x"), otherTenant + "x", Sub(owner));

        foreach (var node in new[] { cluster.NodeA, cluster.NodeB })
        {
            await CanWatchAsync(node, owner, sessionId);
            await CanWatchAsync(node, shareToken, sessionId);
            await CanWatchAsync(node, star, sessionId);
            await CannotWatchAsync(node, stranger, sessionId);
            await CannotWatchAsync(node, otherSession, sessionId);
            await CannotWatchAsync(node, foreign, sessionId);
            await CannotWatchAsync(node, foreignOwnerName, sessionId);
            await CannotWatchAsync(node, owner, sessionId, afterSeq: -1, HubRefusalCodes.InvalidAfterSeq, "afterSeq must be 0 or more.");

            await CanPublishAsync(node, owner, sessionId);
            await CannotPublishAsync(node, shareToken, sessionId, HubRefusalCodes.NotOwner);
            await CannotPublishAsync(node, star, sessionId, HubRefusalCodes.NotOwner);
            await CannotPublishAsync(node, stranger, sessionId, HubRefusalCodes.NotOwner);
            await CannotPublishAsync(node, foreignOwnerName, sessionId, HubRefusalCodes.NotVisible);
        }

        await HttpAssert.OkAsync(await SessionCalls.GetAsync(cluster.NodeB, shareToken, $"/api/sessions/{sessionId}/transcript"));
        await HttpAssert.OkAsync(await SessionCalls.GetAsync(cluster.NodeB, star, $"/api/sessions/{sessionId}"));
        await HttpAssert.ProblemAsync(await SessionCalls.GetAsync(cluster.NodeB, stranger, $"/api/sessions/{sessionId}/transcript"), HttpStatusCode.NotFound);
        await HttpAssert.ProblemAsync(await SessionCalls.GetAsync(cluster.NodeB, foreign, $"/api/sessions/{sessionId}/transcript"), HttpStatusCode.NotFound);
        await HttpAssert.ProblemAsync(await cluster.NodeB.RequestTokenAsync(shareToken), HttpStatusCode.Forbidden);
        await HttpAssert.ProblemAsync(await SessionCalls.PostAsync(cluster.NodeB, shareToken, $"/api/sessions/{sessionId}/viewer-token"), HttpStatusCode.Forbidden);
        await HttpAssert.ProblemAsync(await SessionCalls.PostAsync(cluster.NodeB, shareToken, $"/api/sessions/{sessionId}/end"), HttpStatusCode.Forbidden);
        await HttpAssert.ProblemAsync(await SessionCalls.PostAsync(cluster.NodeB, stranger, $"/api/sessions/{sessionId}/end"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_hub_refuses_a_connection_without_a_valid_token()
    {
        await Assert.ThrowsAnyAsync<Exception>(() => CaptionClient.ConnectAsync(cluster.NodeA, "not-a-jwt"));
    }

    private static string Sub(string jwt) => new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(jwt).Subject;

    private static async Task CanWatchAsync(ApiHost node, string jwt, string sessionId)
    {
        await using var client = await CaptionClient.ConnectAsync(node, jwt);
        var answer = await client.WatchAsync(sessionId);
        Assert.NotNull(answer.State);
        Assert.Null(answer.Refusal);
    }

    // A refusal is data: a code, a sentence, and nothing of the session.
    private static async Task CannotWatchAsync(ApiHost node, string jwt, string sessionId, long afterSeq = 0,
        string code = HubRefusalCodes.NotVisible, string? message = null)
    {
        await using var client = await CaptionClient.ConnectAsync(node, jwt);
        var answer = await client.WatchAsync(sessionId, afterSeq);
        Assert.Equal(code, answer.Refusal?.Code);
        Assert.Equal(message ?? $"No session '{sessionId}' is visible to this token.", answer.Refusal!.Message);
        Assert.Null(answer.Refusal.RetryAfterMs);
        Assert.Null(answer.State);
        Assert.Null(answer.LastSeq);
        Assert.Empty(answer.Updates);
    }

    private static async Task CanPublishAsync(ApiHost node, string jwt, string sessionId)
    {
        await using var client = await CaptionClient.ConnectAsync(node, jwt);
        var ack = await client.PublishAsync(sessionId, OpenAIEvents.UserCompleted("item_" + Guid.NewGuid().ToString("N")[..6], "ok"));
        Assert.Equal(1, ack.Accepted);
    }

    private static async Task CannotPublishAsync(ApiHost node, string jwt, string sessionId, string code)
    {
        await using var client = await CaptionClient.ConnectAsync(node, jwt);
        var answer = await client.TryPublishAsync(sessionId, OpenAIEvents.UserCompleted("item_x", "forged"));
        Assert.Null(answer.Ack);
        Assert.Equal(code, answer.Refusal?.Code);
    }
}
