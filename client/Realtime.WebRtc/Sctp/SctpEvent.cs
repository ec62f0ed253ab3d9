namespace Realtime.WebRtc.Sctp;

/// <summary>Something the layer above must learn about; which fields are set depends on <see cref="Kind"/>.</summary>
public sealed class SctpEvent
{
    private SctpEvent(SctpEventKind kind) => Kind = kind;

    public SctpEventKind Kind { get; }
    public ushort StreamId { get; private init; }
    public uint Ppid { get; private init; }
    public byte[] Data { get; private init; } = [];
    public bool Unordered { get; private init; }
    public IReadOnlyList<ushort> StreamIds { get; private init; } = [];
    public string? Reason { get; private init; }

    internal static SctpEvent Connected() => new(SctpEventKind.Connected);

    internal static SctpEvent Message(ushort streamId, uint ppid, byte[] data, bool unordered) =>
        new(SctpEventKind.Message) { StreamId = streamId, Ppid = ppid, Data = data, Unordered = unordered };

    internal static SctpEvent StreamsReset(SctpEventKind kind, IReadOnlyList<ushort> streamIds) =>
        new(kind) { StreamIds = streamIds };

    internal static SctpEvent Ended(SctpEventKind kind, string? reason = null) => new(kind) { Reason = reason };

    public override string ToString() => Kind switch
    {
        SctpEventKind.Message => $"Message(stream {StreamId}, ppid {Ppid}, {Data.Length} bytes)",
        SctpEventKind.IncomingStreamsReset or SctpEventKind.OutgoingStreamsReset => $"{Kind}({string.Join(",", StreamIds)})",
        _ => Reason is null ? Kind.ToString() : $"{Kind}({Reason})",
    };
}
