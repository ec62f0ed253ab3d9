using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.Logging.Abstractions;

namespace Realtime.Api.Tests.Captions;

/// <summary>
/// SignalR's own <see cref="HubConnectionContext"/> over an in-memory pipe whose reading end the test holds: what the
/// server writes to a viewer can be read back record by record, and not reading makes the server's writes wait
/// (backpressure) once <c>pauseAt</c> bytes are unread, as a slow client's full socket would.
/// </summary>
public sealed class PipeHubConnection
{
    private readonly Pipe _toClient;

    public PipeHubConnection(string connectionId, IHubProtocol protocol, long pauseAt = 1024 * 1024)
    {
        _toClient = new Pipe(new PipeOptions(pauseWriterThreshold: pauseAt, resumeWriterThreshold: pauseAt / 2, useSynchronizationContext: false));
        var fromClient = new Pipe();
        var transport = new DuplexPipe(fromClient.Reader, _toClient.Writer);
        var connection = new DefaultConnectionContext(connectionId, transport, transport);
        var options = new HubConnectionContextOptions
        {
            KeepAliveInterval = TimeSpan.FromMinutes(5),
            ClientTimeoutInterval = TimeSpan.FromMinutes(10),
        };
        Context = new HubConnectionContext(connection, options, NullLoggerFactory.Instance) { Protocol = protocol };
    }

    public HubConnectionContext Context { get; }

    /// <summary>Reads <paramref name="count"/> records (each ends with 0x1E), failing after 10 s.</summary>
    public async Task<List<JsonElement>> ReadRecordsAsync(int count)
    {
        var records = new List<JsonElement>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (records.Count < count)
        {
            var result = await _toClient.Reader.ReadAsync(timeout.Token);
            var buffer = result.Buffer;
            while (records.Count < count && buffer.PositionOf((byte)0x1E) is { } end)
            {
                records.Add(JsonDocument.Parse(buffer.Slice(0, end).ToArray()).RootElement.Clone());
                buffer = buffer.Slice(buffer.GetPosition(1, end));
            }
            _toClient.Reader.AdvanceTo(buffer.Start, buffer.End);
        }
        return records;
    }

    private sealed record DuplexPipe(PipeReader Input, PipeWriter Output) : IDuplexPipe;
}
