namespace Realtime.Testing.Audio;

/// <summary>Where one spoken phrase starts and ends in a generated WAV, measured from its energy.</summary>
public sealed record SpokenTurn(string Text, TimeSpan Start, TimeSpan End)
{
    public TimeSpan Length => End - Start;
}
