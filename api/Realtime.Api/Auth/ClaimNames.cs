namespace Realtime.Api.Auth;

/// <summary>The JWT claims of user tokens (docs/design.md §JWT).</summary>
public static class ClaimNames
{
    public const string Tenant = "tid";
    public const string Subject = "sub";
    public const string Watch = "watch";
}
