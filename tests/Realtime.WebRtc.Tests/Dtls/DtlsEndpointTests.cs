using System.Text.RegularExpressions;
using Realtime.WebRtc.Dtls;

namespace Realtime.WebRtc.Tests.Dtls;

public sealed class DtlsEndpointTests
{
    private static readonly DtlsOptions Fast = new() { HandshakeResendInterval = TimeSpan.FromMilliseconds(100), HandshakeTimeout = TimeSpan.FromSeconds(10) };

    [Fact]
    public void Certificate_fingerprint_is_sha256_in_sdp_form()
    {
        DtlsCertificate certificate = DtlsCertificate.Generate();

        Assert.Equal("sha-256", certificate.Fingerprint.Algorithm);
        Assert.Matches(new Regex("^([0-9A-F]{2}:){31}[0-9A-F]{2}$"), certificate.Fingerprint.Value);
        Assert.True(certificate.Fingerprint.Matches(certificate.DerEncoded));
        Assert.Equal(certificate.Fingerprint, DtlsFingerprint.Parse(certificate.Fingerprint.ToString().ToLowerInvariant()));
        Assert.False(DtlsCertificate.Generate().Fingerprint.Matches(certificate.DerEncoded));
    }

    [Fact]
    public void Client_and_server_connect_and_agree_on_srtp_keys()
    {
        using var pair = new DtlsPair(Fast, Fast);
        pair.Start();

        Assert.True(pair.PumpUntil(pair.Connected), $"client {pair.Client.State} {pair.Client.FailureReason}, server {pair.Server.State} {pair.Server.FailureReason}");

        SrtpKeyingMaterial client = pair.Client.SrtpKeys!, server = pair.Server.SrtpKeys!;
        Assert.Equal(SrtpProfile.Aes128CmHmacSha1_80, client.Profile);
        Assert.Equal(SrtpProfile.Aes128CmHmacSha1_80, server.Profile);
        Assert.Equal(16, client.ClientKey.Length);
        Assert.Equal(14, client.ClientSalt.Length);
        Assert.Equal(client.ClientKey, server.ClientKey);
        Assert.Equal(client.ServerKey, server.ServerKey);
        Assert.Equal(client.ClientSalt, server.ClientSalt);
        Assert.Equal(client.ServerSalt, server.ServerSalt);
        Assert.NotEqual(client.ClientKey, client.ServerKey);
        Assert.Equal(client.LocalKey, server.RemoteKey);
        Assert.Equal(server.LocalSalt, client.RemoteSalt);
        Assert.Equal(pair.ServerCertificate.DerEncoded, pair.Client.RemoteCertificate);
        Assert.Equal(pair.ClientCertificate.DerEncoded, pair.Server.RemoteCertificate);
    }

    [Fact]
    public void Server_preference_picks_aead_gcm_when_both_offer_it()
    {
        var serverOptions = new DtlsOptions { SrtpProfiles = [SrtpProfile.AeadAes128Gcm, SrtpProfile.Aes128CmHmacSha1_80] };
        using var pair = new DtlsPair(Fast, serverOptions);
        pair.Start();

        Assert.True(pair.PumpUntil(pair.Connected));
        Assert.Equal(SrtpProfile.AeadAes128Gcm, pair.Client.SrtpKeys!.Profile);
        Assert.Equal(12, pair.Client.SrtpKeys.ServerSalt.Length);
        Assert.Equal(pair.Client.SrtpKeys.ServerKey, pair.Server.SrtpKeys!.ServerKey);
    }

    [Fact]
    public void Client_rejects_a_server_whose_certificate_does_not_match_the_fingerprint()
    {
        using var pair = new DtlsPair(Fast, Fast, clientExpects: DtlsCertificate.Generate().Fingerprint);
        pair.Start();

        Assert.True(pair.PumpUntil(() => pair.Client.State == DtlsState.Failed && pair.Server.State == DtlsState.Failed));
        Assert.Contains("fingerprint", pair.Client.FailureReason);
        Assert.Null(pair.Client.SrtpKeys);
    }

    [Fact]
    public void Server_rejects_a_client_whose_certificate_does_not_match_the_fingerprint()
    {
        using var pair = new DtlsPair(Fast, Fast, serverExpects: DtlsCertificate.Generate().Fingerprint);
        pair.Start();

        Assert.True(pair.PumpUntil(() => pair.Server.State == DtlsState.Failed && pair.Client.State == DtlsState.Failed));
        Assert.Contains("fingerprint", pair.Server.FailureReason);
    }

    [Fact]
    public void A_lost_flight_is_retransmitted()
    {
        using var pair = new DtlsPair(Fast, Fast);
        int serverDatagrams = 0;
        pair.Drop = (fromClient, _) => !fromClient && serverDatagrams++ < 3; // The whole first server flight.
        pair.Start();

        Assert.True(pair.PumpUntil(pair.Connected));
        Assert.True(serverDatagrams > 3);
    }

    [Fact]
    public void Server_reassembles_a_fragmented_client_hello()
    {
        var tinyClient = new DtlsOptions { MaxDatagramSize = 120, HandshakeResendInterval = Fast.HandshakeResendInterval };
        using var pair = new DtlsPair(tinyClient, Fast);
        var first = new List<byte[]>();
        pair.Drop = (fromClient, datagram) =>
        {
            if (fromClient && first.Count < 2)
            {
                first.Add(datagram);
            }
            return false;
        };
        pair.Start();

        Assert.True(pair.PumpUntil(pair.Connected), $"{pair.Server.State} {pair.Server.FailureReason}");
        // Handshake type client_hello (1) in both of the first two records, at different fragment offsets.
        Assert.All(first, d => Assert.Equal(1, d[13]));
        Assert.NotEqual(first[0].AsSpan(19, 3).ToArray(), first[1].AsSpan(19, 3).ToArray());
    }

    [Fact]
    public void Application_data_flows_both_ways_then_close_notify_closes_the_peer()
    {
        using var pair = new DtlsPair(Fast, Fast);
        pair.Start();
        Assert.True(pair.PumpUntil(pair.Connected));

        pair.Client.Send("ping"u8);
        pair.Server.Send(new byte[1100]);
        Assert.True(pair.PumpUntil(() => pair.ReceivedByServer.Count == 1 && pair.ReceivedByClient.Count == 1));
        Assert.Equal("ping"u8.ToArray(), pair.ReceivedByServer[0]);
        Assert.Equal(1100, pair.ReceivedByClient[0].Length);

        pair.Client.Close();
        Assert.True(pair.PumpUntil(() => pair.Server.State == DtlsState.Closed));
        Assert.Equal(DtlsState.Closed, pair.Client.State);
        Assert.Null(pair.Server.FailureReason);
    }

    [Fact]
    public void Records_are_dtls_1_2_with_the_ecdsa_aes128_gcm_suite()
    {
        using var pair = new DtlsPair(Fast, Fast);
        var serverHello = (byte[]?)null;
        pair.Drop = (fromClient, datagram) =>
        {
            if (!fromClient && serverHello is null && datagram[13] == 2)
            {
                serverHello = datagram;
            }
            return false;
        };
        pair.Start();
        Assert.True(pair.PumpUntil(pair.Connected));

        // Record header: handshake(22), DTLS 1.2 (FE FD); ServerHello body: version, random(32), session id, suite.
        Assert.Equal(22, serverHello![0]);
        Assert.Equal([0xFE, 0xFD], serverHello[1..3]);
        int sessionIdLength = serverHello[25 + 2 + 32];
        int suiteAt = 25 + 2 + 32 + 1 + sessionIdLength;
        Assert.Equal([0xC0, 0x2B], serverHello[suiteAt..(suiteAt + 2)]);
    }

    [Fact]
    public void Hellos_and_certificate_request_carry_what_chromium_requires()
    {
        using var pair = new DtlsPair(Fast, Fast);
        var messages = new List<(bool FromClient, byte Type, byte[] Body)>();
        pair.Drop = (fromClient, datagram) =>
        {
            messages.AddRange(DtlsRecordReader.HandshakeMessages(datagram).Select(m => (fromClient, m.Type, m.Body)));
            return false;
        };
        pair.Start();
        Assert.True(pair.PumpUntil(pair.Connected));

        Dictionary<int, byte[]> clientHello = DtlsRecordReader.Extensions(messages.First(m => m.FromClient && m.Type == 1).Body, serverHello: false);
        Dictionary<int, byte[]> serverHello = DtlsRecordReader.Extensions(messages.First(m => !m.FromClient && m.Type == 2).Body, serverHello: true);
        byte[] certificateRequest = messages.First(m => !m.FromClient && m.Type == 13).Body;

        // use_srtp (14): profile list length 4, SRTP_AES128_CM_HMAC_SHA1_80, AEAD_AES_128_GCM, empty MKI.
        Assert.Equal([0x00, 0x04, 0x00, 0x01, 0x00, 0x07, 0x00], clientHello[14]);
        Assert.Equal([0x00, 0x02, 0x00, 0x01, 0x00], serverHello[14]);
        Assert.Contains(23, clientHello.Keys); // extended_master_secret
        Assert.Contains(23, serverHello.Keys);
        // CertificateRequest: certificate_types must include ecdsa_sign (64), or Chrome refuses it.
        Assert.Contains((byte)64, certificateRequest.AsSpan(1, certificateRequest[0]).ToArray());
        Assert.Contains(messages, m => m.FromClient && m.Type == 11); // The client did send its certificate.
    }

    [Fact]
    public void Disposing_an_endpoint_that_never_started_is_immediate()
    {
        var endpoint = new DtlsEndpoint(DtlsRole.Server, DtlsCertificate.Generate(), DtlsCertificate.Generate().Fingerprint);
        long started = Environment.TickCount64;

        endpoint.Dispose();

        Assert.True(Environment.TickCount64 - started < 1000);
        Assert.Equal(DtlsState.Closed, endpoint.State);
    }
}
