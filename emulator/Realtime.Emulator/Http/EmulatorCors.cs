using Microsoft.AspNetCore.Cors.Infrastructure;

namespace Realtime.Emulator.Http;

/// <summary>
/// CORS as OpenAI answers it on its Realtime routes: any origin may call them (the secret, not the origin, is the
/// credential), with the headers OpenAI's browser clients send (the Agents SDK adds <c>X-OpenAI-Agents-SDK</c>),
/// and <c>Location</c> readable, since that is where a browser learns its call's id.
/// </summary>
internal static class EmulatorCors
{
    public const string PolicyName = "OpenAIRealtime";

    /// <summary>What OpenAI's own browser clients put on a request; anything else fails the preflight.</summary>
    public static readonly string[] AllowedHeaders =
    [
        "Authorization", "Content-Type", "X-OpenAI-Agents-SDK", "OpenAI-Organization", "OpenAI-Project",
    ];

    public static void Configure(CorsOptions options) => options.AddPolicy(PolicyName, policy => policy
        .AllowAnyOrigin()
        .WithMethods("GET", "POST")
        .WithHeaders(AllowedHeaders)
        .WithExposedHeaders("Location")
        .SetPreflightMaxAge(TimeSpan.FromHours(1)));
}
