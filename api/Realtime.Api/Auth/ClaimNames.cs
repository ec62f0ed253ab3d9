namespace Realtime.Api.Auth;

/// <summary>The JWT claims DESIGN.md fixes for user tokens.</summary>
public static class ClaimNames
{
    public const string Tenant = "tid";
    public const string Subject = "sub";
    public const string Watch = "watch";
}
