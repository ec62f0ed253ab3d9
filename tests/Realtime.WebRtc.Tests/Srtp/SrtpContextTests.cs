using System.Buffers.Binary;
using Realtime.WebRtc.Dtls;
using Realtime.WebRtc.Srtp;

namespace Realtime.WebRtc.Tests.Srtp;

/// <summary>Round trips, the rollover counter across a wrap, replay and tamper rejection, for both profiles.</summary>
public sealed class SrtpContextTests
{
    public static TheoryData<SrtpProfile> Profiles => [SrtpProfile.Aes128CmHmacSha1_80, SrtpProfile.AeadAes128Gcm];

    [Theory]
    [MemberData(nameof(Profiles))]
    public void Rtp_round_trips_and_hides_the_payload(SrtpProfile profile)
    {
        var (sender, receiver) = Pair(profile);
        byte[] plain = Rtp(1000, payload: 0x5A);

        byte[] sealedPacket = sender.ProtectRtp(plain);
        SrtpResult opened = receiver.UnprotectRtp(sealedPacket);

        Assert.Equal(plain.AsSpan(0, 12).ToArray(), sealedPacket.AsSpan(0, 12).ToArray());
        Assert.NotEqual(plain.AsSpan(12, 8).ToArray(), sealedPacket.AsSpan(12, 8).ToArray());
        Assert.Equal(plain, opened.Packet);
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void Rtp_with_csrcs_and_an_extension_keeps_them_in_the_clear(SrtpProfile profile)
    {
        var (sender, receiver) = Pair(profile);
        byte[] plain = [0x91, 0x6F, 0, 7, 0, 0, 0, 9, 0, 0, 0, 42, 1, 2, 3, 4, 0xBE, 0xDE, 0, 1, 0x10, 0x7F, 0, 0, 9, 9, 9];

        byte[] sealedPacket = sender.ProtectRtp(plain);

        Assert.Equal(plain.AsSpan(0, 24).ToArray(), sealedPacket.AsSpan(0, 24).ToArray());
        Assert.Equal(plain, receiver.UnprotectRtp(sealedPacket).Packet);
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void Rtcp_round_trips_with_increasing_indices(SrtpProfile profile)
    {
        var (sender, receiver) = Pair(profile);
        byte[] report = [0x80, 201, 0, 1, 0, 0, 0, 42];

        byte[] first = sender.ProtectRtcp(report);
        byte[] second = sender.ProtectRtcp(report);

        Assert.Equal(report, receiver.UnprotectRtcp(first).Packet);
        Assert.Equal(report, receiver.UnprotectRtcp(second).Packet);
        Assert.Equal(SrtpDropReason.Replayed, receiver.UnprotectRtcp(second).Reason);
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void Rollover_counter_follows_the_sequence_across_a_wrap_with_reordering(SrtpProfile profile)
    {
        var (sender, receiver) = Pair(profile);
        ushort[] sent = [65533, 65534, 65535, 0, 1, 2];
        byte[][] sealedPackets = [.. sent.Select(seq => sender.ProtectRtp(Rtp(seq)))];

        int[] arrival = [0, 1, 3, 2, 5, 4];

        Assert.All(arrival, i => Assert.Equal(Rtp(sent[i]), receiver.UnprotectRtp(sealedPackets[i]).Packet));
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void A_replayed_packet_is_dropped_with_a_reason(SrtpProfile profile)
    {
        var (sender, receiver) = Pair(profile);
        byte[] sealedPacket = sender.ProtectRtp(Rtp(5));

        Assert.True(receiver.UnprotectRtp(sealedPacket).IsAccepted);
        SrtpResult again = receiver.UnprotectRtp(sealedPacket);

        Assert.Null(again.Packet);
        Assert.Equal(SrtpDropReason.Replayed, again.Reason);
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void A_packet_older_than_the_window_is_dropped(SrtpProfile profile)
    {
        var (sender, receiver) = Pair(profile);
        byte[] old = sender.ProtectRtp(Rtp(100));
        for (ushort seq = 101; seq <= 200; seq++)
        {
            receiver.UnprotectRtp(sender.ProtectRtp(Rtp(seq)));
        }

        Assert.Equal(SrtpDropReason.TooOld, receiver.UnprotectRtp(old).Reason);
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void A_tampered_packet_fails_authentication_and_does_not_poison_the_window(SrtpProfile profile)
    {
        var (sender, receiver) = Pair(profile);
        byte[] sealedPacket = sender.ProtectRtp(Rtp(7));
        byte[] tampered = [.. sealedPacket];
        tampered[14] ^= 1;

        Assert.Equal(SrtpDropReason.AuthenticationFailed, receiver.UnprotectRtp(tampered).Reason);
        Assert.True(receiver.UnprotectRtp(sealedPacket).IsAccepted);
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void Tampered_srtcp_and_garbage_are_dropped(SrtpProfile profile)
    {
        var (sender, receiver) = Pair(profile);
        byte[] sealedPacket = sender.ProtectRtcp([0x80, 201, 0, 1, 0, 0, 0, 42]);
        sealedPacket[5] ^= 1;

        Assert.Equal(SrtpDropReason.AuthenticationFailed, receiver.UnprotectRtcp(sealedPacket).Reason);
        Assert.Equal(SrtpDropReason.Malformed, receiver.UnprotectRtcp([0x80, 201]).Reason);
        Assert.Equal(SrtpDropReason.Malformed, receiver.UnprotectRtp([0x80, 0, 0]).Reason);
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void A_session_from_dtls_keys_talks_to_the_peer_session(SrtpProfile profile)
    {
        var (keyLength, saltLength) = SrtpKeyingMaterial.LengthsOf(profile);
        byte[] exported = [.. Enumerable.Range(1, 2 * (keyLength + saltLength)).Select(i => (byte)i)];
        using var client = SrtpSession.From(SrtpKeyingMaterial.Split(profile, DtlsRole.Client, exported));
        using var server = SrtpSession.From(SrtpKeyingMaterial.Split(profile, DtlsRole.Server, exported));

        Assert.Equal(Rtp(1), server.Inbound.UnprotectRtp(client.Outbound.ProtectRtp(Rtp(1))).Packet);
        Assert.Equal(Rtp(2), client.Inbound.UnprotectRtp(server.Outbound.ProtectRtp(Rtp(2))).Packet);
        Assert.Equal(SrtpDropReason.AuthenticationFailed, client.Inbound.UnprotectRtp(client.Outbound.ProtectRtp(Rtp(3))).Reason);
    }

    [Fact]
    public void A_master_key_of_the_wrong_length_is_refused_clearly()
    {
        var error = Assert.Throws<ArgumentException>(() => new SrtpContext(SrtpProfile.AeadAes128Gcm, new byte[16], new byte[14]));

        Assert.Contains("12-byte salt", error.Message, StringComparison.Ordinal);
    }

    private static (SrtpContext Sender, SrtpContext Receiver) Pair(SrtpProfile profile)
    {
        var (keyLength, saltLength) = SrtpKeyingMaterial.LengthsOf(profile);
        byte[] key = [.. Enumerable.Range(0, keyLength).Select(i => (byte)(i * 7))];
        byte[] salt = [.. Enumerable.Range(0, saltLength).Select(i => (byte)(i + 100))];
        return (new SrtpContext(profile, key, salt), new SrtpContext(profile, key, salt));
    }

    private static byte[] Rtp(ushort sequence, byte payload = 0xAB)
    {
        var packet = new byte[12 + 20];
        packet[0] = 0x80;
        packet[1] = 111;
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), sequence);
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(4), sequence * 960u);
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(8), 0xCAFEBABE);
        packet.AsSpan(12).Fill(payload);
        return packet;
    }
}
