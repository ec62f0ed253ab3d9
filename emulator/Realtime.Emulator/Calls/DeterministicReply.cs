namespace Realtime.Emulator.Calls;

/// <summary>The emulated model's answer: a fixed function of what the user last said, streamed in word-sized deltas.</summary>
internal static class DeterministicReply
{
    public static string For(string userText) => string.IsNullOrWhiteSpace(userText)
        ? "Hello from the Realtime emulator."
        : $"You said: {userText.Trim()}";

    /// <summary>Each word with its following space, so the deltas concatenate to the whole reply.</summary>
    public static IEnumerable<string> Chunks(string reply)
    {
        var start = 0;
        for (var i = 0; i < reply.Length; i++)
        {
            if (reply[i] == ' ')
            {
                yield return reply[start..(i + 1)];
                start = i + 1;
            }
        }
        if (start < reply.Length)
        {
            yield return reply[start..];
        }
    }
}
