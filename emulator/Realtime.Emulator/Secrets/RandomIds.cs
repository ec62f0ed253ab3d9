using System.Security.Cryptography;

namespace Realtime.Emulator.Secrets;

/// <summary>Unguessable identifiers from the OS CSPRNG, in an alphabet that is safe in URLs and headers.</summary>
internal static class RandomIds
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary>32 characters of 62 symbols: about 190 bits, as unguessable as a secret needs to be.</summary>
    public const int SecretLength = 32;

    public const int IdLength = 24;

    public static string Next(string prefix, int length) =>
        prefix + RandomNumberGenerator.GetString(Alphabet, length);
}
