using System.Security.Cryptography;

namespace Realtime.WebRtc.Ice;

/// <summary>An ICE username fragment and password (<c>a=ice-ufrag</c>, <c>a=ice-pwd</c>).</summary>
public sealed record IceCredentials(string Ufrag, string Password)
{
    private const string IceChars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    /// <summary>Fresh random credentials: 8-character ufrag, 24-character password (RFC 8839 asks for at least 4 and 22).</summary>
    public static IceCredentials Generate() =>
        new(RandomNumberGenerator.GetString(IceChars, 8), RandomNumberGenerator.GetString(IceChars, 24));

    /// <summary>Credentials from a caller-supplied source, for reproducible tests.</summary>
    public static IceCredentials Generate(Random random) =>
        new(new string(random.GetItems(IceChars.AsSpan(), 8)), new string(random.GetItems(IceChars.AsSpan(), 24)));
}
