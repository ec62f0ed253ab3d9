using System.Buffers;
using System.Security.Cryptography;

namespace Realtime.Api.Sessions;

/// <summary>Session ids: "ses_" and 24 random base-62 characters (about 143 bits), unguessable by design.</summary>
public static class SessionId
{
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static readonly SearchValues<char> AlphabetChars = SearchValues.Create(Alphabet);

    public static string New() => "ses_" + RandomNumberGenerator.GetString(Alphabet, 24);

    public static bool IsValid(string? value) =>
        value is { Length: > 4 and <= 64 } && value.StartsWith("ses_", StringComparison.Ordinal)
        && value.AsSpan(4).IndexOfAnyExcept(AlphabetChars) < 0;
}
