namespace Realtime.WebRtc.Codecs;

/// <summary>The two G.711 companding laws: μ-law (PCMU, North America/Japan) and A-law (PCMA, elsewhere).</summary>
public enum G711Law
{
    MuLaw,
    ALaw,
}
