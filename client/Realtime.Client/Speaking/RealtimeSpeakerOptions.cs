using Realtime.Client.Api;

namespace Realtime.Client.Speaking;

/// <summary>
/// How a <see cref="RealtimeSpeaker"/> reaches the api and what session it asks for; bound from configuration
/// (section <see cref="SectionName"/>) by <see cref="RealtimeSpeakerServiceCollectionExtensions.AddRealtimeSpeaker"/>.
/// </summary>
public sealed class RealtimeSpeakerOptions
{
    public const string SectionName = "Realtime:Speaker";

    /// <summary>The api's base URL (the same host serves the hub).</summary>
    public Uri? ApiBaseUrl { get; set; }

    /// <summary>A user JWT of the tenant, when no token factory is given to the speaker. Never logged.</summary>
    public string? Token { get; set; }

    /// <summary><c>realtime</c> (a conversation) or <c>transcription</c> (captions only).</summary>
    public string Type { get; set; } = "realtime";

    public string? Model { get; set; }

    public string? Instructions { get; set; }

    /// <summary>The ephemeral secret's lifetime in seconds (60–600); null takes the api's default.</summary>
    public int? TtlSeconds { get; set; }

    /// <summary>
    /// True: the api opens the call (<c>POST /api/sessions/{id}/calls</c>), so the ephemeral secret is never used here.
    /// False: the speaker posts its offer to the minted <c>calls_url</c> with the secret, as a browser does.
    /// </summary>
    public bool ServerSideCall { get; set; } = true;

    /// <summary>How long connecting (mint, hub, call, data channel open) may take before it fails.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>How long <see cref="RealtimeSpeaker.StopAsync"/> waits for the relay to be acknowledged.</summary>
    public TimeSpan FlushTimeout { get; set; } = TimeSpan.FromSeconds(10);

    internal MintRequest MintRequest() => new() { Type = Type, Model = Model, Instructions = Instructions, TtlSeconds = TtlSeconds };
}
