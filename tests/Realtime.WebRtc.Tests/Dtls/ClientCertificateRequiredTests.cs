using System.Collections.Concurrent;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.Tls;
using Org.BouncyCastle.Tls.Crypto.Impl.BC;
using Realtime.WebRtc.Dtls;

namespace Realtime.WebRtc.Tests.Dtls;

/// <summary>A plain BouncyCastle client that answers the CertificateRequest with no certificate must be refused.</summary>
public sealed class ClientCertificateRequiredTests
{
    [Fact]
    public async Task Server_fails_the_handshake_when_the_client_sends_no_certificate()
    {
        DtlsCertificate serverCertificate = DtlsCertificate.Generate();
        using var server = new DtlsEndpoint(DtlsRole.Server, serverCertificate, DtlsCertificate.Generate().Fingerprint);
        server.Start(TimeSpan.Zero);
        using var toClient = new BlockingCollection<byte[]>();
        var wire = new DirectTransport(server, toClient);

        Exception? clientError = await Task.Run(() => Capture(() => new DtlsClientProtocol().Connect(new CertificatelessClient(), wire)));

        Assert.IsType<TlsFatalAlertReceived>(clientError); // The server told the client why, with a fatal alert.
        Assert.Equal(DtlsState.Failed, server.State);
        Assert.Contains("no certificate", server.FailureReason);
    }

    private static Exception? Capture(Action action)
    {
        try
        {
            action();
            return null;
        }
        catch (Exception error)
        {
            return error;
        }
    }

    private sealed class CertificatelessClient() : DefaultTlsClient(new BcTlsCrypto(new SecureRandom()))
    {
        protected override ProtocolVersion[] GetSupportedVersions() => ProtocolVersion.DTLSv12.Only();

        public override int GetHandshakeTimeoutMillis() => 5000;

        public override TlsAuthentication GetAuthentication() => new NoCredentials();
    }

    private sealed class NoCredentials : TlsAuthentication
    {
        public void NotifyServerCertificate(TlsServerCertificate serverCertificate)
        {
        }

        public TlsCredentials GetClientCredentials(CertificateRequest certificateRequest) => null!;
    }

    /// <summary>
    /// Sends straight into the server endpoint and queues whatever it answers for the client to receive.
    /// The server has digested a datagram when HandleDatagram returns, so its answer is already there.
    /// </summary>
    private sealed class DirectTransport(DtlsEndpoint server, BlockingCollection<byte[]> inbound) : DatagramTransport
    {
        public int GetReceiveLimit() => 1 << 15;

        public int GetSendLimit() => 1200;

        public int Receive(byte[] buf, int off, int len, int waitMillis) => Receive(buf.AsSpan(off, len), waitMillis);

        public int Receive(Span<byte> buffer, int waitMillis)
        {
            if (!inbound.TryTake(out byte[]? datagram, waitMillis == 0 ? 5000 : waitMillis))
            {
                return -1; // BouncyCastle's cue to retransmit its flight.
            }
            datagram.CopyTo(buffer);
            return datagram.Length;
        }

        public void Send(byte[] buf, int off, int len) => Send(buf.AsSpan(off, len));

        public void Send(ReadOnlySpan<byte> buffer)
        {
            server.HandleDatagram(buffer, TimeSpan.Zero);
            while (server.TryPollTransmit(out byte[] answer))
            {
                inbound.Add(answer);
            }
        }

        public void Close()
        {
        }
    }
}
