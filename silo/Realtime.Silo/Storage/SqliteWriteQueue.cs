using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace Realtime.Silo.Storage;

/// <summary>
/// The writes of this process, committed in groups: one writer takes every write waiting, runs each in its own
/// savepoint inside one transaction, commits once (one fsync for the lot), and only then tells each caller its
/// result. A write that throws rolls back alone; a commit that fails fails its whole group. Callers queue
/// asynchronously instead of blocking pool threads on SQLite's write lock.
/// </summary>
internal sealed class SqliteWriteQueue : IDisposable
{
    /// <summary>At most this many writes share a transaction, so no caller waits behind an unbounded group.</summary>
    private const int MaxGroup = 256;

    private readonly Channel<PendingWrite> _queue = Channel.CreateUnbounded<PendingWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Func<SqliteConnection> _open;
    private readonly Task _writer;

    public SqliteWriteQueue(Func<SqliteConnection> open)
    {
        _open = open;
        _writer = Task.Run(WriteGroupsAsync);
    }

    public Task<T> Enqueue<T>(Func<SqliteConnection, T> write)
    {
        var pending = new PendingWrite<T>(write);
        ObjectDisposedException.ThrowIf(!_queue.Writer.TryWrite(pending), this);
        return pending.Task;
    }

    /// <summary>Lets the queued writes finish, then stops the writer.</summary>
    public void Dispose()
    {
        _queue.Writer.TryComplete();
        _writer.Wait(TimeSpan.FromSeconds(10));
    }

    private async Task WriteGroupsAsync()
    {
        var group = new List<PendingWrite>(MaxGroup);
        while (await _queue.Reader.WaitToReadAsync())
        {
            while (group.Count < MaxGroup && _queue.Reader.TryRead(out var write)) group.Add(write);
            Commit(group);
            group.Clear();
        }
    }

    private void Commit(List<PendingWrite> group)
    {
        try
        {
            using var connection = _open();
            using var transaction = connection.BeginTransaction(deferred: false);
            foreach (var write in group) write.Run(transaction);
            transaction.Commit();
        }
        catch (Exception e)
        {
            foreach (var write in group) write.Fail(e);
            return;
        }

        foreach (var write in group) write.Complete();
    }

    private abstract class PendingWrite
    {
        public abstract void Run(SqliteTransaction transaction);

        public abstract void Complete();

        public abstract void Fail(Exception error);
    }

    private sealed class PendingWrite<T>(Func<SqliteConnection, T> write) : PendingWrite
    {
        private const string Savepoint = "one_write";

        // Continuations run off the writer, so a caller's next step never holds up the next group.
        private readonly TaskCompletionSource<T> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T? _result;
        private Exception? _error;

        public Task<T> Task => _done.Task;

        public override void Run(SqliteTransaction transaction)
        {
            transaction.Save(Savepoint);
            try
            {
                _result = write(transaction.Connection!);
                transaction.Release(Savepoint);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                transaction.Rollback(Savepoint);
                transaction.Release(Savepoint);
                _error = e;
            }
        }

        public override void Complete()
        {
            if (_error is null) _done.TrySetResult(_result!);
            else _done.TrySetException(_error);
        }

        public override void Fail(Exception error) => _done.TrySetException(error);
    }
}
