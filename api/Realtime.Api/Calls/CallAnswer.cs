namespace Realtime.Api.Calls;

/// <summary>OpenAI's answer to an offer: the answer SDP and the call's id (rtc_…), the last segment of its Location.</summary>
public sealed record CallAnswer(string Sdp, string CallId);
