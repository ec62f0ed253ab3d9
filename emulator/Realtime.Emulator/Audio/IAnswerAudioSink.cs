using Realtime.WebRtc.Audio;

namespace Realtime.Emulator.Audio;

/// <summary>Where a call's answer audio goes (the audio track's sender), so the pump can be tested without a peer.</summary>
internal interface IAnswerAudioSink
{
    /// <summary>The next 20 ms of answer audio, handed over when it is due.</summary>
    void Send(PcmFrame frame);
}
