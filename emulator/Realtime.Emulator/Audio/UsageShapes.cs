using System.Text.Json.Nodes;

namespace Realtime.Emulator.Audio;

/// <summary>
/// Token counts shaped as OpenAI reports them, from audio length and text length (about 10 input audio tokens a
/// second, 20 output audio tokens a second, 4 characters a text token), so a client that bills or displays usage
/// sees plausible, non-zero figures. Images never occur in an audio turn, so image tokens stay 0.
/// </summary>
internal static class UsageShapes
{
    private const int InstructionTokens = 24;

    /// <summary>The <c>usage</c> of a transcription's <c>completed</c>: by duration for whisper-1, else by tokens.</summary>
    public static JsonObject Transcription(TranscriptionSettings settings, TimeSpan audio, string transcript)
    {
        if (settings.BillsByDuration)
        {
            return new JsonObject { ["type"] = "duration", ["seconds"] = Math.Round(audio.TotalSeconds, 3) };
        }
        var audioTokens = InputAudioTokens(audio);
        var outputTokens = TextTokens(transcript);
        return new JsonObject
        {
            ["type"] = "tokens",
            ["input_tokens"] = audioTokens,
            ["output_tokens"] = outputTokens,
            ["total_tokens"] = audioTokens + outputTokens,
            ["input_token_details"] = new JsonObject { ["text_tokens"] = 0, ["audio_tokens"] = audioTokens },
        };
    }

    /// <summary>The <c>usage</c> of <c>response.done</c>; half the input counts as cached, the conversation's prefix.</summary>
    public static JsonObject Response(TimeSpan userAudio, string userText, string answer, TimeSpan answerAudio)
    {
        var inputText = InstructionTokens + TextTokens(userText);
        var inputAudio = InputAudioTokens(userAudio);
        var cachedText = Math.Max(1, inputText / 2);
        var cachedAudio = Math.Max(1, inputAudio / 2);
        var outputText = TextTokens(answer);
        var outputAudio = Math.Max(1, (int)Math.Ceiling(answerAudio.TotalSeconds * 20));
        return new JsonObject
        {
            ["total_tokens"] = inputText + inputAudio + outputText + outputAudio,
            ["input_tokens"] = inputText + inputAudio,
            ["output_tokens"] = outputText + outputAudio,
            ["input_token_details"] = new JsonObject
            {
                ["cached_tokens"] = cachedText + cachedAudio,
                ["text_tokens"] = inputText,
                ["image_tokens"] = 0,
                ["audio_tokens"] = inputAudio,
                ["cached_tokens_details"] = new JsonObject { ["text_tokens"] = cachedText, ["image_tokens"] = 0, ["audio_tokens"] = cachedAudio },
            },
            ["output_token_details"] = new JsonObject { ["text_tokens"] = outputText, ["audio_tokens"] = outputAudio },
        };
    }

    private static int InputAudioTokens(TimeSpan audio) => Math.Max(2, (int)Math.Ceiling(audio.TotalSeconds * 10));

    private static int TextTokens(string text) => Math.Max(1, (int)Math.Ceiling(text.Length / 4.0));
}
