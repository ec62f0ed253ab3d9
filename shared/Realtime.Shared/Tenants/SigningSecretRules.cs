namespace Realtime.Shared.Tenants;

/// <summary>
/// What a tenant's HS256 signing secret must be: long enough, and not trivially guessable (all whitespace, or one
/// character repeated), which an operator pasting a placeholder would otherwise get away with. The admin endpoint
/// and the tenant grain apply the same rule.
/// </summary>
public static class SigningSecretRules
{
    public const int MinLength = 32;

    public static bool IsAcceptable(string? secret) =>
        secret is { Length: >= MinLength } && !string.IsNullOrWhiteSpace(secret) && secret.AsSpan().ContainsAnyExcept(secret[0]);
}
