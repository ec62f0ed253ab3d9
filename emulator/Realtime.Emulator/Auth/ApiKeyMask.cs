namespace Realtime.Emulator.Auth;

/// <summary>
/// Masks a key for an error message the way OpenAI does ("sk-ab*****wxyz"): enough to tell which
/// key was sent, never the key itself. Short keys are masked entirely, since showing 7 characters
/// of a 10-character key would all but echo it.
/// </summary>
internal static class ApiKeyMask
{
    private const int ShownPrefix = 3;
    private const int ShownSuffix = 4;
    private const int MinLengthToShowEnds = 16;

    public static string Mask(string key)
    {
        if (key.Length < MinLengthToShowEnds) return new string('*', key.Length);
        var hidden = new string('*', key.Length - ShownPrefix - ShownSuffix);
        return string.Concat(key.AsSpan(0, ShownPrefix), hidden, key.AsSpan(key.Length - ShownSuffix));
    }
}
