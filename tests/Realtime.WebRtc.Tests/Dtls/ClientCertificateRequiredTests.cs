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
        var toClient = new BlockingCollection<byte[]>();
        var wire = new DirectTransport(server, toClient);
        Task<Exception?> client = Task.Run(() => Capture(() => new DtlsClientProtocol().Connect(new CertificatelessClient(), wire)));

        long deadline = Environment.TickCount64 + 5000;
        while (server.State == DtlsState.Connecting && Environment.TickCount64 < deadline)
        {
            while (server.TryPollTransmit(out byte[] datagram))
            {
                toClient.Add(datagram);
            }
            await Task.Delay(2);
        }

        while (server.TryPollTransmit(out byte[] alert))
        {
            toClient.Add(alert);
        }
        toClient.CompleteAdding();

        Assert.Equal(DtlsState.Failed, server.State);
        Assert.Contains("no certificate", server.FailureReason);
        Assert.NotNull(await client); // The client learns of it through the server's fatal alert.
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

    /// <summary>Sends straight into the server endpoint; receives what the test thread relays back.</summary>
    private sealed class DirectTransport(DtlsEndpoint server, BlockingCollection<byte[]> inbound) : DatagramTransport
    {
        public int GetReceiveLimit() => 1 << 15;

        public int GetSendLimit() => 1200;

        public int Receive(byte[] buf, int off, int len, int waitMillis) => Receive(buf.AsSpan(off, len), waitMillis);

        public int Receive(Span<byte> buffer, int waitMillis)
        {
            if (!inbound.TryTake(out byte[]? datagram, waitMillis == 0 ? 5000 : waitMillis))
            {
                // Once the test stops relaying, end the client's handshake instead of letting it retry.
                return inbound.IsCompleted ? throw new IOException("test transport closed") : -1;
            }
            datagram.CopyTo(buffer);
            return datagram.Length;
        }

        public void Send(byte[] buf, int off, int len) => Send(buf.AsSpan(off, len));

        public void Send(ReadOnlySpan<byte> buffer) => server.HandleDatagram(buffer, TimeSpan.Zero);

        public void Close()
        {
        }
    }
}
