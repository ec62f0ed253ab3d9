using Realtime.WebRtc.Audio;
using Realtime.WebRtc.Media;

namespace Realtime.Emulator.Audio;

/// <summary>The call's audio track: each answer frame is encoded and sent as one RTP packet when it is due.</summary>
internal sealed class SenderAudioSink(RtcAudioSender sender) : IAnswerAudioSink
{
    /// <summary>Before SRTP is keyed the frame is dropped, as a browser drops audio before its connection is up.</summary>
    public void Send(PcmFrame frame) => sender.SendFrame(frame);
}
