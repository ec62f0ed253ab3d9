using Microsoft.IdentityModel.Tokens;

namespace Realtime.Api.Auth;

/// <summary>A token refused by <see cref="IdentityClaims"/>; its message is safe to show the caller.</summary>
public sealed class IdentityClaimsException(string message) : SecurityTokenValidationException(message);
