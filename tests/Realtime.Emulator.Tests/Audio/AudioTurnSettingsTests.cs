using System.Text.Json.Nodes;
using Realtime.Emulator.Audio;

namespace Realtime.Emulator.Tests.Audio;

/// <summary>How a GA session's audio settings are read, defaults included.</summary>
public sealed class AudioTurnSettingsTests
{
    [Fact]
    public void Without_turn_detection_the_defaults_are_OpenAIs_server_vad()
    {
        var settings = AudioTurnSettings.FromSession(new JsonObject { ["type"] = "realtime" });

        Assert.Equal(VadSettings.Defaults, settings.TurnDetection);
        Assert.Equal((0.5, 300, 500), (settings.TurnDetection!.Threshold, settings.TurnDetection.PrefixPadding.TotalMilliseconds, settings.TurnDetection.SilenceDuration.TotalMilliseconds));
        Assert.Equal(-35, settings.TurnDetection.EnergyThresholdDbfs, 6);
        Assert.True(settings.CreateResponse && settings.InterruptResponse);
        Assert.Null(settings.Transcription);
        Assert.False(settings.TranscriptionOnly);
    }

    [Fact]
    public void An_explicit_null_turns_detection_and_answers_off()
    {
        var settings = AudioTurnSettings.FromSession(Sessions.Manual());

        Assert.Null(settings.TurnDetection);
        Assert.False(settings.CreateResponse);
        Assert.Equal("gpt-4o-transcribe", settings.Transcription!.Model);
    }

    [Fact]
    public void Semantic_vad_behaves_as_server_vad_defaults()
    {
        var settings = AudioTurnSettings.FromSession(Sessions.Realtime(new JsonObject { ["type"] = "semantic_vad", ["eagerness"] = "high" }));

        Assert.Equal(VadSettings.Defaults, settings.TurnDetection);
    }

    [Fact]
    public void Server_vad_parameters_are_read()
    {
        var settings = AudioTurnSettings.FromSession(Sessions.Realtime(new JsonObject
        {
            ["type"] = "server_vad", ["threshold"] = 0.8, ["prefix_padding_ms"] = 100, ["silence_duration_ms"] = 900, ["create_response"] = false,
        }));

        Assert.Equal(new VadSettings(0.8, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(900)), settings.TurnDetection);
        Assert.False(settings.CreateResponse);
        Assert.True(settings.InterruptResponse);
    }

    [Fact]
    public void A_transcription_session_is_transcription_only()
    {
        var settings = AudioTurnSettings.FromSession(Sessions.Transcription("whisper-1"));

        Assert.True(settings.TranscriptionOnly);
        Assert.True(settings.Transcription!.BillsByDuration);
    }
}
