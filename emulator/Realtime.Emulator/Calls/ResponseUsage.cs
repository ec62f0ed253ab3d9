using System.Text.Json.Nodes;

namespace Realtime.Emulator.Calls;

/// <summary>
/// The <c>usage</c> of a <c>response.done</c>, in OpenAI's shape. The counts are a fixed function of the text in and
/// out (about four characters a token, as OpenAI's tokenizers average), and every detail field is non-zero, so a
/// client's usage accounting is exercised on each of them rather than summing zeros.
/// </summary>
internal static class ResponseUsage
{
    private const int CharactersPerToken = 4;

    public static JsonObject For(string input, string output, int turn)
    {
        var inputText = Tokens(input) + 8;
        var inputAudio = 16 * turn;
        var image = 1;
        // The conversation so far is served from the prompt cache from the second turn on; never zero, like the rest.
        var cachedText = Math.Max(1, inputText / 2);
        var cachedAudio = Math.Max(1, inputAudio / 2);
        var cachedImage = 1;
        var outputText = Tokens(output);
        var outputAudio = outputText * 5;
        var inputTotal = inputText + inputAudio + image;
        var outputTotal = outputText + outputAudio;
        return new JsonObject
        {
            ["total_tokens"] = inputTotal + outputTotal,
            ["input_tokens"] = inputTotal,
            ["output_tokens"] = outputTotal,
            ["input_token_details"] = new JsonObject
            {
                ["cached_tokens"] = cachedText + cachedAudio + cachedImage,
                ["text_tokens"] = inputText,
                ["image_tokens"] = image,
                ["audio_tokens"] = inputAudio,
                ["cached_tokens_details"] = new JsonObject
                {
                    ["text_tokens"] = cachedText,
                    ["image_tokens"] = cachedImage,
                    ["audio_tokens"] = cachedAudio,
                },
            },
            ["output_token_details"] = new JsonObject { ["text_tokens"] = outputText, ["audio_tokens"] = outputAudio },
        };
    }

    private static int Tokens(string text) => Math.Max(1, (text.Length + CharactersPerToken - 1) / CharactersPerToken);
}
