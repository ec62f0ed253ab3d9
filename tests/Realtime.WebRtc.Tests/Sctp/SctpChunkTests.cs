using Realtime.WebRtc.Sctp;

namespace Realtime.WebRtc.Tests.Sctp;

public sealed class SctpChunkTests
{
    private static T RoundTrip<T>(SctpChunk chunk) where T : SctpChunk
    {
        byte[] bytes = new SctpPacket(5000, 5001, 42, [chunk]).Encode();
        Assert.Equal(0, bytes.Length % 4);
        SctpPacket decoded = SctpPacket.Decode(bytes);
        Assert.Equal((ushort)5000, decoded.SourcePort);
        Assert.Equal((ushort)5001, decoded.DestinationPort);
        Assert.Equal(42u, decoded.VerificationTag);
        return Assert.IsType<T>(Assert.Single(decoded.Chunks));
    }

    [Fact]
    public void Data_keeps_every_field_and_flag()
    {
        var chunk = RoundTrip<DataChunk>(new DataChunk(0xFFFFFFFE, 7, 65535, 51, [1, 2, 3], true, false, true));

        Assert.Equal(0xFFFFFFFEu, chunk.Tsn);
        Assert.Equal((ushort)7, chunk.StreamId);
        Assert.Equal((ushort)65535, chunk.Ssn);
        Assert.Equal(51u, chunk.Ppid);
        Assert.Equal([1, 2, 3], chunk.Payload);
        Assert.True(chunk.Beginning);
        Assert.False(chunk.Ending);
        Assert.True(chunk.Unordered);
    }

    [Fact]
    public void Init_and_init_ack_keep_parameters_and_padding()
    {
        List<SctpTlv> parameters = [new(SctpParameterType.StateCookie, [9, 8, 7]), new(SctpParameterType.ForwardTsnSupported, [])];
        var init = RoundTrip<InitChunk>(new InitChunk(true, 0xAABBCCDD, 131072, 1024, 2048, 12345, parameters));

        Assert.True(init.IsAck);
        Assert.Equal(0xAABBCCDDu, init.InitiateTag);
        Assert.Equal(131072u, init.AdvertisedReceiverWindow);
        Assert.Equal((ushort)1024, init.OutboundStreams);
        Assert.Equal((ushort)2048, init.InboundStreams);
        Assert.Equal(12345u, init.InitialTsn);
        Assert.Equal(2, init.Parameters.Count);
        Assert.Equal([9, 8, 7], init.Parameters[0].Value);
        Assert.Equal(SctpParameterType.ForwardTsnSupported, init.Parameters[1].Type);
    }

    [Fact]
    public void Sack_keeps_gap_blocks_and_duplicates()
    {
        var sack = RoundTrip<SackChunk>(new SackChunk(100, 5000, [(2, 3), (7, 9)], [98, 99]));

        Assert.Equal(100u, sack.CumulativeTsnAck);
        Assert.Equal(5000u, sack.AdvertisedReceiverWindow);
        Assert.Equal([((ushort)2, (ushort)3), ((ushort)7, (ushort)9)], sack.GapBlocks);
        Assert.Equal([98u, 99u], sack.DuplicateTsns);
    }

    [Fact]
    public void Control_chunks_round_trip()
    {
        Assert.Equal([1, 2, 3, 4, 5], RoundTrip<HeartbeatChunk>(HeartbeatChunk.Request([1, 2, 3, 4, 5])).Info());
        Assert.True(RoundTrip<HeartbeatChunk>(new HeartbeatChunk(true, [0, 1, 0, 5, 9, 0, 0, 0])).IsAck);
        Assert.Equal(77u, RoundTrip<ShutdownChunk>(new ShutdownChunk(77)).CumulativeTsnAck);
        Assert.Equal([5, 6], RoundTrip<CookieEchoChunk>(new CookieEchoChunk([5, 6])).Cookie);
        Assert.True(RoundTrip<SignalChunk>(new SignalChunk(SctpChunkType.ShutdownComplete, 1)).ReflectedTag);
        Assert.Equal(SctpChunkType.CookieAck, RoundTrip<SignalChunk>(new SignalChunk(SctpChunkType.CookieAck)).Type);
        Assert.Equal(SctpChunkType.ShutdownAck, RoundTrip<SignalChunk>(new SignalChunk(SctpChunkType.ShutdownAck)).Type);

        var abort = RoundTrip<AbortChunk>(new AbortChunk(true, [SctpErrorCause.UserAbort("bye")]));
        Assert.True(abort.ReflectedTag);
        Assert.Contains("bye", SctpErrorCause.Describe(abort.Causes));
        Assert.Equal(SctpErrorCause.StaleCookie, RoundTrip<ErrorChunk>(new ErrorChunk([new(SctpErrorCause.StaleCookie, [0, 0, 0, 1])])).Causes[0].Type);

        var forward = RoundTrip<ForwardTsnChunk>(new ForwardTsnChunk(500, [(1, 2), (3, 4)]));
        Assert.Equal(500u, forward.NewCumulativeTsn);
        Assert.Equal([((ushort)1, (ushort)2), ((ushort)3, (ushort)4)], forward.Streams);
    }

    [Fact]
    public void Reconfig_parameters_round_trip()
    {
        var chunk = RoundTrip<ReconfigChunk>(new ReconfigChunk([ReconfigParameter.OutgoingRequest(10, 20, 30, [1, 3, 5]), ReconfigParameter.Response(11, 1)]));

        var request = ReconfigParameter.ReadOutgoingRequest(chunk.Parameters[0])!.Value;
        Assert.Equal(10u, request.RequestSeq);
        Assert.Equal(30u, request.LastTsn);
        Assert.Equal([1, 3, 5], request.Streams);
        Assert.Equal((11u, 1u), ReconfigParameter.ReadResponse(chunk.Parameters[1])!.Value);
    }

    [Fact]
    public void Unknown_chunks_keep_type_bytes_and_top_bit_semantics()
    {
        var skipReport = RoundTrip<UnknownChunk>(new UnknownChunk(0xC5, 3, [1, 2, 3, 4, 5]));
        Assert.Equal(0xC5, skipReport.RawType);
        Assert.Equal([1, 2, 3, 4, 5], skipReport.Value);
        Assert.True(skipReport.SkipAndContinue);
        Assert.True(skipReport.Report);

        var stop = new UnknownChunk(0x3F, 0, []);
        Assert.False(stop.SkipAndContinue);
        Assert.False(stop.Report);
    }

    [Fact]
    public void Several_chunks_bundle_in_one_packet()
    {
        byte[] bytes = new SctpPacket(5000, 5000, 1, [new SackChunk(1, 2, [], []), new DataChunk(5, 0, 0, 53, [1], true, true, false), new SignalChunk(SctpChunkType.CookieAck)]).Encode();

        List<SctpChunk> chunks = SctpPacket.Decode(bytes).Chunks;

        Assert.Collection(chunks, c => Assert.IsType<SackChunk>(c), c => Assert.IsType<DataChunk>(c), c => Assert.IsType<SignalChunk>(c));
    }

    [Fact]
    public void Truncated_chunks_are_rejected()
    {
        byte[] bytes = new SctpPacket(5000, 5000, 1, [new ShutdownChunk(3)]).Encode();
        bytes[15] = 40; // Chunk length beyond the packet.
        SctpChecksum.Stamp(bytes);

        Assert.Throws<SctpFormatException>(() => SctpPacket.Decode(bytes));
    }

    [Fact]
    public void State_cookie_is_authenticated()
    {
        byte[] key = new byte[32];
        var cookie = new SctpStateCookie(1, 2, 3, 4, 5, 6, 7, true, false, 0, 0, 123456);
        byte[] sealedCookie = cookie.Seal(key);

        Assert.Equal(cookie, SctpStateCookie.Open(sealedCookie, key));
        sealedCookie[3] ^= 1;
        Assert.Null(SctpStateCookie.Open(sealedCookie, key));
    }
}
