using Realtime.Client.Transport;

namespace Realtime.Client.Tests;

public sealed class HubCaptionTransportTests
{
    [Theory]
    // The hub's own refusals: SignalR appends the HubException's sentence.
    [InlineData("An unexpected error occurred invoking 'Publish' on the server. HubException: The session is over; it takes no more events.", true)]
    [InlineData("Only the session's owner can publish to it.", true)]
    // Any other server-side exception (a grain call that timed out while a silo died): worth retrying.
    [InlineData("An unexpected error occurred invoking 'Publish' on the server.", false)]
    [InlineData("An unexpected error occurred invoking 'Watch' on the server. TimeoutException: Response did not arrive on time.", false)]
    // The hub's Publish rate limit: the batch is kept and sent again later.
    [InlineData("An unexpected error occurred invoking 'Publish' on the server. HubException: Too many Publish calls on this connection: at most 50 a second; slow down and retry.", false)]
    public void Refusals_are_told_from_faults_by_the_message_SignalR_delivers(string message, bool refusal)
    {
        Assert.Equal(refusal, HubCaptionTransport.IsRefusal(message));
    }
}
