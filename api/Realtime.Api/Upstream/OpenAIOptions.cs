namespace Realtime.Api.Upstream;

/// <summary>Configuration section <c>OpenAI</c>. The key is never logged or returned.</summary>
public sealed class OpenAIOptions
{
    public const string Section = "OpenAI";

    /// <summary>The platform key (also read from OPENAI_API_KEY). Unset in development means "use the built-in emulator".</summary>
    public string? ApiKey { get; set; }

    public string BaseUrl { get; set; } = "https://api.openai.com";

    /// <summary>How long one upstream call may take before the request answers 504.</summary>
    public int TimeoutSeconds { get; set; } = 10;
}
