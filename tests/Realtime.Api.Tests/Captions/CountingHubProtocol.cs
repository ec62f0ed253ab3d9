using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace Realtime.Api.Tests.Captions;

/// <summary>SignalR's JSON hub protocol, counting how many times it serialized a message.</summary>
public sealed class CountingHubProtocol : IHubProtocol
{
    private readonly JsonHubProtocol _json = new();
    private int _serialized;

    public int Serialized => Volatile.Read(ref _serialized);

    public string Name => _json.Name;

    public int Version => _json.Version;

    public TransferFormat TransferFormat => _json.TransferFormat;

    public bool IsVersionSupported(int version) => _json.IsVersionSupported(version);

    public bool TryParseMessage(ref ReadOnlySequence<byte> input, IInvocationBinder binder, [NotNullWhen(true)] out HubMessage? message) =>
        _json.TryParseMessage(ref input, binder, out message);

    public void WriteMessage(HubMessage message, IBufferWriter<byte> output)
    {
        Interlocked.Increment(ref _serialized);
        _json.WriteMessage(message, output);
    }

    public ReadOnlyMemory<byte> GetMessageBytes(HubMessage message)
    {
        Interlocked.Increment(ref _serialized);
        return _json.GetMessageBytes(message);
    }
}
