namespace Realtime.Api.Captions;

/// <summary>The names of the hub's server-to-client messages (docs/design.md §Server messages).</summary>
public static class CaptionHubMessages
{
    public const string Caption = "Caption";
    public const string SessionState = "SessionState";
}
