using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace SafetyLedger.Ingestion.Telemetry.Sqlite;

/// <summary>
/// <c>telemetry.db</c> in the data folder (WAL): one writer task groups concurrent writes into one
/// transaction (group commit), commits, and only then completes them; readers use pooled read-only
/// connections.
/// </summary>
public sealed partial class SqliteTelemetryDatabase : IAsyncDisposable
{
    private readonly TelemetryStorageOptions options;
    private readonly ILogger logger;
    private readonly SqliteConnection connection;
    private readonly TelemetryWriter writer;
    private readonly Channel<WriteWork> queue;
    private readonly Task writerLoop;
    private readonly TimeProvider time;
    private readonly CancellationTokenSource stopCheckpoints = new();
    private readonly Task checkpointLoop;
    private long lastCheckpoint;
    private int disposed;

    private SqliteTelemetryDatabase(TelemetryStorageOptions options, TimeProvider time, ILogger logger)
    {
        this.options = options;
        this.logger = logger;
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(options.DatabasePath))!);
        TelemetrySchema.CreateIfMissing(options);
        connection = TelemetrySchema.Open(options);
        TelemetrySchema.Apply(connection);
        using (var autoCheckpoint = connection.CreateCommand())
        {
            // Checkpoints run between commits and on a thread of their own (see RunCheckpoints), never inside a commit.
            autoCheckpoint.CommandText = "PRAGMA wal_autocheckpoint = 0;";
            autoCheckpoint.ExecuteNonQuery();
        }

        this.time = time;
        lastCheckpoint = time.GetTimestamp();

        writer = new TelemetryWriter(connection, options.DuplicateWindow);
        queue = Channel.CreateBounded<WriteWork>(new BoundedChannelOptions(4096) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        // Its own thread: a commit blocks in fsync for milliseconds, which on a thread-pool thread would hold back the
        // transports' and the pipeline's work queued behind it (two pool threads on a two-core machine).
        writerLoop = Task.Factory.StartNew(RunWriter, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        checkpointLoop = Task.Factory.StartNew(RunCheckpoints, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        LogOpened(options.DatabasePath);
    }

    public static SqliteTelemetryDatabase Open(TelemetryStorageOptions options, ILogger<SqliteTelemetryDatabase> logger) =>
        Open(options, TimeProvider.System, logger);

    public static SqliteTelemetryDatabase Open(TelemetryStorageOptions options, TimeProvider time, ILogger<SqliteTelemetryDatabase> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        return new SqliteTelemetryDatabase(options, time, logger);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

        await stopCheckpoints.CancelAsync();
#pragma warning disable VSTHRD003 // Our own checkpoint task, which ends on the cancellation above.
        await checkpointLoop;
#pragma warning restore VSTHRD003
        stopCheckpoints.Dispose();
        queue.Writer.TryComplete();
#pragma warning disable VSTHRD003 // Our own writer task: wait for it to drain the queue.
        await writerLoop;
#pragma warning restore VSTHRD003
        writer.Dispose();
        connection.Dispose();
    }

    internal async Task<T> WriteAsync<T>(Func<TelemetryWriter, T> action, CancellationToken cancellationToken)
    {
        var work = new WriteWorkOf<T>(action);
        await queue.Writer.WriteAsync(work, cancellationToken);
#pragma warning disable VSTHRD003 // The writer task completes this promise after the commit is durable.
        return await work.Task;
#pragma warning restore VSTHRD003
    }

    internal List<T> Read<T>(string sql, Action<SqliteParameterCollection> bind, Func<SqliteDataReader, T> map) => [.. Stream(sql, bind, map)];

    /// <summary>Rows one at a time from a read-only connection held until the enumeration ends.</summary>
    internal IEnumerable<T> Stream<T>(string sql, Action<SqliteParameterCollection> bind, Func<SqliteDataReader, T> map)
    {
        using var reader = TelemetrySchema.Open(options, readOnly: true);
        using var command = reader.CreateCommand();
        command.CommandText = sql;
        bind(command.Parameters);
        using var rows = command.ExecuteReader();
        while (rows.Read())
        {
            yield return map(rows);
        }
    }

    private void RunWriter()
    {
        var group = new List<WriteWork>(options.MaxWritesPerCommit);
        while (WaitForWork())
        {
            // Let the callers whose writes just committed run first and queue their next writes, so they join this
            // commit instead of each waiting for a commit of its own.
            Thread.Yield();
            group.Clear();
            while (group.Count < options.MaxWritesPerCommit && queue.Reader.TryRead(out var work))
            {
                group.Add(work);
            }

            Commit(group);
            if (time.GetElapsedTime(lastCheckpoint) >= options.CheckpointInterval)
            {
                lastCheckpoint = time.GetTimestamp();
                Checkpoint(connection);
            }
        }

        Checkpoint(connection);
    }

    /// <summary>Blocks the writer's own thread until there is work; false once the queue is completed and empty.</summary>
    private bool WaitForWork()
    {
        var wait = queue.Reader.WaitToReadAsync();
#pragma warning disable VSTHRD002 // The writer's dedicated thread has nothing else to do while it waits.
        return wait.IsCompleted ? wait.Result : wait.AsTask().GetAwaiter().GetResult();
#pragma warning restore VSTHRD002
    }

    /// <summary>
    /// Copies the WAL into the database every <see cref="TelemetryStorageOptions.CheckpointInterval"/> on a connection
    /// and thread of its own: a PASSIVE checkpoint takes no writer lock, so commits — and the acknowledgements waiting
    /// for them — go on while it copies and fsyncs. The writer also checkpoints between commits at the same interval:
    /// only a checkpoint that finds nothing appended behind it lets the next commit start the WAL from its beginning
    /// again (with only this thread's, the WAL grew without end under a steady load), and after this thread's copy the
    /// writer's has little left to do. On the writer alone, a checkpoint after a long read (sealing, quality roll-ups)
    /// had hundreds of megabytes to copy and held every commit back for seconds. Every commit rewrites each reporting
    /// sensor's index pages into the WAL; a checkpoint copies a page once however often it was rewritten.
    /// </summary>
    private void RunCheckpoints()
    {
        using var checkpointer = TelemetrySchema.Open(options);
        while (true)
        {
            try
            {
#pragma warning disable VSTHRD002 // The checkpointer's dedicated thread has nothing else to do while it waits.
                Task.Delay(options.CheckpointInterval, time, stopCheckpoints.Token).GetAwaiter().GetResult();
#pragma warning restore VSTHRD002
            }
            catch (OperationCanceledException)
            {
                return;
            }

            Checkpoint(checkpointer);
        }
    }

    private void Checkpoint(SqliteConnection on)
    {
        try
        {
            using var command = on.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
            command.ExecuteNonQuery();
        }
        catch (SqliteException ex)
        {
            LogCheckpointFailed(ex);
        }
    }

    private void Commit(List<WriteWork> group)
    {
        try
        {
            // Usually every write succeeds: one transaction, no savepoints. If one throws, that transaction is
            // rolled back and the group runs again with a savepoint around each write, so only the failing ones fail.
            var failed = Run(group, isolate: false) ?? Run(group, isolate: true)!;
            foreach (var work in group)
            {
                var failure = failed.Find(f => ReferenceEquals(f.Work, work));
                if (failure.Work is null)
                {
                    work.Succeed();
                }
                else
                {
                    work.Fail(failure.Error);
                }
            }
        }
#pragma warning disable CA1031 // Any storage failure fails the whole group; nothing was acknowledged.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogCommitFailed(ex, group.Count);
            writer.Forget();
            foreach (var work in group)
            {
                work.Fail(new IOException("The telemetry store could not commit the write; nothing of it was stored.", ex));
            }
        }
    }

    /// <summary>Runs the group in one committed transaction and returns the writes that failed; null when one failed without <paramref name="isolate"/> (nothing committed).</summary>
    private List<(WriteWork Work, Exception Error)>? Run(List<WriteWork> group, bool isolate)
    {
        using var transaction = connection.BeginTransaction();
        writer.Transaction = transaction;
        try
        {
            var failed = new List<(WriteWork Work, Exception Error)>();
            foreach (var work in group)
            {
                if (!isolate)
                {
                    try
                    {
                        work.Execute(writer);
                    }
                    catch (Exception ex) when (ex is InvalidOperationException or ArgumentException)
                    {
                        transaction.Rollback();
                        writer.Forget();
                        return null;
                    }

                    continue;
                }

                using var savepoint = new Savepoint(connection, transaction);
                try
                {
                    work.Execute(writer);
                    savepoint.Release();
                }
                catch (Exception ex) when (ex is InvalidOperationException or ArgumentException)
                {
                    savepoint.Rollback();
                    writer.Forget();
                    failed.Add((work, ex));
                }
            }

            transaction.Commit();
            return failed;
        }
        finally
        {
            writer.Transaction = null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Telemetry store opened at {Path}")]
    private partial void LogOpened(string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telemetry WAL checkpoint failed; the next one copies what this one did not")]
    private partial void LogCheckpointFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Telemetry commit of {Count} writes failed; the writes were refused")]
    private partial void LogCommitFailed(Exception exception, int count);
}
