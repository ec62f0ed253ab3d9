using Org.BouncyCastle.Tls;

namespace Realtime.WebRtc.Dtls;

/// <summary>
/// The bridge between BouncyCastle's blocking DTLS and a sans-IO driver. BouncyCastle's worker thread pulls
/// datagrams with <see cref="Receive(Span{byte}, int)"/> (a -1 return is its cue to retransmit a flight) and
/// pushes records through <see cref="Send(ReadOnlySpan{byte})"/>; the driver delivers and collects on its own
/// thread. "Idle" means the worker has consumed everything delivered and is blocked waiting for more, which lets
/// the driver treat each delivery as a synchronous step.
/// <para>
/// Handshake records sent back to back are packed into one datagram up to the send limit (RFC 6347 §4.1.1
/// allows several per datagram). Besides saving packets this keeps a flight together: BouncyCastle switches its
/// read epoch the moment a ChangeCipherSpec arrives, so a CCS that overtook the CertificateVerify of its own
/// flight would make the peer drop that epoch-0 message forever.
/// </para>
/// <para>
/// Application-data records always go alone, one per datagram: some independent stacks read only the first
/// record of a datagram and silently lose or queue the rest, which stalls SCTP above them.
/// </para>
/// </summary>
internal sealed class QueuedDatagramTransport(int sendLimit) : DatagramTransport
{
    // Large enough for any record BouncyCastle accepts (2^14 plaintext plus expansion).
    private const int ReceiveLimit = (1 << 14) + 2048;
    private const byte ApplicationDataContentType = 23;

    private readonly object _sync = new();
    private readonly Queue<byte[]> _inbound = new();
    private readonly Queue<byte[]> _outbound = new();
    private readonly List<byte> _packing = [];
    private bool _closed;
    private bool _workerWaiting;
    private bool _workerExited;
    private int _driverCalls;

    /// <summary>Raised (on the worker thread) when the worker sends while no driver call is in progress: a timer-driven retransmission.</summary>
    public event Action? SentUnprompted;


    public int GetReceiveLimit() => ReceiveLimit;

    public int GetSendLimit() => sendLimit;

    public int Receive(byte[] buf, int off, int len, int waitMillis) => Receive(buf.AsSpan(off, len), waitMillis);

    /// <summary>Called by BouncyCastle: blocks up to <paramref name="waitMillis"/> (0 = forever) for a datagram.</summary>
    public int Receive(Span<byte> buffer, int waitMillis)
    {
        lock (_sync)
        {
            long deadline = waitMillis > 0 ? Environment.TickCount64 + waitMillis : long.MaxValue;
            while (_inbound.Count == 0)
            {
                // Throwing ends the worker's blocking call; BouncyCastle wraps it and the worker sees a failure.
                ObjectDisposedException.ThrowIf(_closed, this);
                _workerWaiting = true;
                Monitor.PulseAll(_sync);
                long remaining = deadline - Environment.TickCount64;
                if (remaining <= 0)
                {
                    _workerWaiting = false;
                    return -1;
                }
                Monitor.Wait(_sync, (int)Math.Min(remaining, int.MaxValue));
            }
            _workerWaiting = false;
            byte[] datagram = _inbound.Dequeue();
            int length = Math.Min(datagram.Length, buffer.Length);
            datagram.AsSpan(0, length).CopyTo(buffer);
            return length;
        }
    }

    public void Send(byte[] buf, int off, int len) => Send(buf.AsSpan(off, len));

    public void Send(ReadOnlySpan<byte> buffer)
    {
        bool unprompted;
        lock (_sync)
        {
            if (_closed)
            {
                return;
            }
            if (!buffer.IsEmpty && buffer[0] == ApplicationDataContentType)
            {
                FlushPacking();
                _outbound.Enqueue(buffer.ToArray());
            }
            else
            {
                Pack(buffer);
            }
            unprompted = _driverCalls == 0;
        }
        if (unprompted)
        {
            SentUnprompted?.Invoke();
        }
    }

    /// <summary>Called by BouncyCastle after close_notify or a fatal alert; also by the owner to stop the worker.</summary>
    public void Close()
    {
        lock (_sync)
        {
            _closed = true;
            Monitor.PulseAll(_sync);
        }
    }

    /// <summary>Queues a datagram from the network for the worker.</summary>
    public void Deliver(ReadOnlySpan<byte> datagram)
    {
        lock (_sync)
        {
            if (_closed)
            {
                return;
            }
            _inbound.Enqueue(datagram.ToArray());
            Monitor.PulseAll(_sync);
        }
    }

    /// <summary>Takes the next datagram; the one still being packed counts as finished once the driver asks.</summary>
    public bool TryTakeOutbound(out byte[] datagram)
    {
        lock (_sync)
        {
            if (_outbound.Count == 0)
            {
                FlushPacking();
            }
            return _outbound.TryDequeue(out datagram!);
        }
    }

    /// <summary>Adds a handshake or alert record to the datagram being packed, starting a new one when it would not fit.</summary>
    private void Pack(ReadOnlySpan<byte> record)
    {
        if (_packing.Count + record.Length > sendLimit)
        {
            FlushPacking();
        }
        _packing.AddRange(record);
    }

    /// <summary>Queues the datagram being packed, if any. Callers hold the lock.</summary>
    private void FlushPacking()
    {
        if (_packing.Count > 0)
        {
            _outbound.Enqueue([.. _packing]);
            _packing.Clear();
        }
    }

    /// <summary>Marks a driver call in progress so sends it causes are not reported as unprompted.</summary>
    public void EnterDriverCall()
    {
        lock (_sync) { _driverCalls++; }
    }

    public void ExitDriverCall()
    {
        lock (_sync) { _driverCalls--; }
    }

    public void MarkWorkerExited()
    {
        lock (_sync)
        {
            _workerExited = true;
            Monitor.PulseAll(_sync);
        }
    }

    /// <summary>Blocks until the worker has consumed every delivered datagram and waits for more, or has exited.</summary>
    public void WaitIdle(TimeSpan limit)
    {
        long deadline = Environment.TickCount64 + (long)limit.TotalMilliseconds;
        lock (_sync)
        {
            while (!_workerExited && !(_workerWaiting && _inbound.Count == 0))
            {
                long remaining = deadline - Environment.TickCount64;
                if (remaining <= 0)
                {
                    return;
                }
                Monitor.Wait(_sync, (int)remaining);
            }
        }
    }
}
