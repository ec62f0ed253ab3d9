using Realtime.Client.Transport;

namespace Realtime.Client.Tests;

public sealed class HubCaptionTransportTests
{
    [Theory]
    // Watch's refusals: SignalR appends the HubException's sentence.
    [InlineData("An unexpected error occurred invoking 'Watch' on the server. HubException: No session 'ses_1' is visible to this token.", true)]
    [InlineData("afterSeq must be 0 or more.", true)]
    // Any other server-side exception (a grain call that timed out while a silo died): worth retrying.
    [InlineData("An unexpected error occurred invoking 'Watch' on the server.", false)]
    [InlineData("An unexpected error occurred invoking 'Watch' on the server. TimeoutException: Response did not arrive on time.", false)]
    public void Watch_refusals_are_told_from_faults_by_the_message_SignalR_delivers(string message, bool refusal)
    {
        Assert.Equal(refusal, HubCaptionTransport.IsRefusal(message));
    }
}
