using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using SafetyLedger.Ledger.Events;
using SafetyLedger.Ledger.Merkle;

namespace SafetyLedger.Ledger.Storage.Sqlite;

/// <summary>
/// The embedded event store and Merkle log on SQLite (WAL). One writer task groups concurrent
/// appends into a transaction (group commit), integrates them into the Merkle tree, commits,
/// and only then acknowledges; readers use their own pooled connections.
/// </summary>
public sealed partial class SqliteLedgerStore : IEventStore, IMerkleLog, IAsyncDisposable
{
    private const int MaxStreamCacheSize = 100_000;

    private readonly LedgerStorageOptions options;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly SqliteConnection writer;
    private readonly SqliteEntryWriter entryWriter;
    private readonly Channel<PendingAppend> queue;
    private readonly Task writerLoop;
    private readonly ConcurrentDictionary<long, byte[]> nodeCache = new();
    private readonly ConcurrentBag<SqliteNodeReader> nodeReaders = [];
    private readonly Dictionary<string, StreamState> streamCache = new(StringComparer.Ordinal);
    private readonly EncodingPipeline pipeline;
    private readonly SqliteEntryReader reader;
    private long count;
    private long lastStreamNo;
    private TaskCompletionSource headChanged = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private SqliteLedgerStore(LedgerStorageOptions options, TimeProvider time, ILogger logger)
    {
        this.options = options;
        this.time = time;
        this.logger = logger;
        Directory.CreateDirectory(options.DataDirectory);
        writer = SqliteSchema.Open(options);
        reader = new SqliteEntryReader(options);
        SqliteSchema.Apply(writer);
        entryWriter = new SqliteEntryWriter(writer, Timings);
        count = entryWriter.CountEntries();
        lastStreamNo = entryWriter.MaxStreamNo();
        pipeline = new EncodingPipeline(WithNodeReader(nodes => MerkleFrontier.Restore(count, nodes)), Timings);
        queue = Channel.CreateBounded<PendingAppend>(new BoundedChannelOptions(4096)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        writerLoop = Task.Run(RunWriterAsync);
        LogOpened(options.DatabasePath, count);
    }

    public long Count => Interlocked.Read(ref count);

    long IMerkleLog.Size => Count;

    /// <summary>Where appends' time went, per phase (read by the append benchmark).</summary>
    internal AppendTimings Timings { get; } = new();

    public static SqliteLedgerStore Open(LedgerStorageOptions options, TimeProvider time, ILogger<SqliteLedgerStore> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new SqliteLedgerStore(options, time, logger);
    }

    public async Task<AppendResult> AppendAsync(AppendRequest request, CancellationToken cancellationToken)
    {
        var results = await AppendAsync([request], cancellationToken);
        return results[0];
    }

    public async Task<IReadOnlyList<AppendResult>> AppendAsync(IReadOnlyList<AppendRequest> requests, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(requests);
        var started = Stopwatch.GetTimestamp();
        foreach (var request in requests)
        {
            AppendRequestValidation.Validate(request);
        }

        Timings.Add(AppendPhase.Validate, started);

        var pending = new PendingAppend(requests, cancellationToken);
        await queue.Writer.WriteAsync(pending, cancellationToken);
#pragma warning disable VSTHRD003 // The writer task completes this promise after the commit is durable.
        return await pending.Task;
#pragma warning restore VSTHRD003
    }

    public Task<LedgerEntry?> ReadAsync(long position, CancellationToken cancellationToken)
    {
        var entries = reader.ReadPositions(position, position + 1);
        return Task.FromResult<LedgerEntry?>(entries.Count == 0 ? null : entries[0]);
    }

    public Task<IReadOnlyList<LedgerEntry>> ReadAllAsync(long fromPosition, int maxCount, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<LedgerEntry>>(reader.ReadPositions(fromPosition, fromPosition + maxCount));

    public Task<IReadOnlyList<LedgerEntry>> ReadStreamAsync(string streamId, long fromVersion, int maxCount, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<LedgerEntry>>(reader.ReadStream(streamId, fromVersion, maxCount));

    public async IAsyncEnumerable<LedgerEntry> ReadCategoryAsync(string streamPrefix, long fromPosition, long toPosition, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(streamPrefix);
        await Task.Yield();
        foreach (var entry in reader.ReadCategory(streamPrefix, fromPosition, toPosition))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return entry;
        }
    }

    public async IAsyncEnumerable<LedgerEntry> SubscribeAsync(long fromPosition, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        const int PageSize = 512;
        var next = fromPosition;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var signal = Volatile.Read(ref headChanged).Task;
            var page = await ReadAllAsync(next, PageSize, cancellationToken);
            foreach (var entry in page)
            {
                yield return entry;
                next = entry.Position + 1;
            }

            if (page.Count < PageSize)
            {
#pragma warning disable VSTHRD003 // The writer completes this signal after each commit.
                await signal.WaitAsync(cancellationToken);
#pragma warning restore VSTHRD003
            }
        }
    }

    public byte[] LeafHash(long index)
    {
        CheckIndex(index, Count);
        return WithNodeReader(nodes => nodes.GetNode(0, index));
    }

    public byte[] Root(long treeSize)
    {
        CheckSize(treeSize);
        return WithNodeReader(nodes => new MerkleProofs(nodes).Root(treeSize));
    }

    public IReadOnlyList<byte[]> InclusionProof(long index, long treeSize)
    {
        CheckSize(treeSize);
        CheckIndex(index, treeSize);
        return WithNodeReader(nodes => new MerkleProofs(nodes).Inclusion(index, treeSize));
    }

    public IReadOnlyList<byte[]> ConsistencyProof(long size1, long size2)
    {
        CheckSize(size2);
        if (size1 <= 0 || size1 > size2)
        {
            throw new ArgumentOutOfRangeException(nameof(size1), size1, $"size1 must be in 1..{size2}.");
        }

        return WithNodeReader(nodes => new MerkleProofs(nodes).Consistency(size1, size2));
    }

    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
#pragma warning disable VSTHRD003 // Our own writer task: wait for it to drain the queue.
        await writerLoop;
#pragma warning restore VSTHRD003
        entryWriter.Dispose();
        pipeline.Dispose();
        writer.Dispose();
        while (nodeReaders.TryTake(out var reader))
        {
            reader.Dispose();
        }
    }

    private static void CheckIndex(long index, long size)
    {
        if (index < 0 || index >= size)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"Index must be below the tree size {size}.");
        }
    }

    private void CheckSize(long treeSize)
    {
        if (treeSize < 0 || treeSize > Count)
        {
            throw new ArgumentOutOfRangeException(nameof(treeSize), treeSize, $"Tree size must be in 0..{Count}.");
        }
    }

    private T WithNodeReader<T>(Func<IMerkleNodeSource, T> read)
    {
        if (!nodeReaders.TryTake(out var reader))
        {
            reader = new SqliteNodeReader(SqliteSchema.Open(options, readOnly: true), nodeCache, options.CachedNodeLevel);
        }

        try
        {
            return read(reader);
        }
        finally
        {
            nodeReaders.Add(reader);
        }
    }

    private async Task RunWriterAsync()
    {
        var group = new List<PendingAppend>(options.MaxAppendsPerCommit);
        while (await queue.Reader.WaitToReadAsync())
        {
            group.Clear();
            while (group.Count < options.MaxAppendsPerCommit && queue.Reader.TryRead(out var pending))
            {
                group.Add(pending);
            }

            Commit(group);
        }
    }

    private void Commit(List<PendingAppend> group)
    {
        var started = Stopwatch.GetTimestamp();
        var batch = new StagedBatch { RecordedAt = time.GetUtcNow() };
        var accepted = new List<(PendingAppend Pending, List<AppendResult> Results)>();
        var streamNo = lastStreamNo;
        try
        {
            StageGroup(group, batch, accepted);
        }
#pragma warning disable CA1031 // A failure while staging (a stream look-up that throws) fails the group, not the writer.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            foreach (var pending in group)
            {
                pending.Fail(new IOException("The ledger could not stage the append; nothing of it was stored.", ex));
            }

            // Nothing was written: forget what staging looked up or numbered (without asking the store, which just failed).
            streamCache.Clear();
            lastStreamNo = streamNo;
            LogStageFailed(ex, group.Count);
            return;
        }

        Timings.Add(AppendPhase.Stage, started);
        if (batch.Entries.Count == 0)
        {
            return;
        }

        var firstNodeId = MerkleNodeIds.NodeCount(count);
        try
        {
            entryWriter.Write(batch, firstNodeId, pipeline.Encode(batch.Entries, batch.RecordedAt));
        }
#pragma warning disable CA1031 // Any storage failure fails the whole group; nothing was acknowledged.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogCommitFailed(ex, batch.Entries.Count);
            streamCache.Clear();
            lastStreamNo = entryWriter.MaxStreamNo();
            pipeline.Frontier = WithNodeReader(nodes => MerkleFrontier.Restore(count, nodes));
            foreach (var (pending, _) in accepted)
            {
                pending.Fail(new IOException("The ledger could not commit the append; nothing of it was stored.", ex));
            }

            return;
        }

        Interlocked.Add(ref count, batch.Entries.Count);
        RememberStreams(batch.Streams);
        foreach (var (pending, results) in accepted)
        {
            pending.Succeed(results);
        }

        Interlocked.Exchange(ref headChanged, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    private void StageGroup(List<PendingAppend> group, StagedBatch batch, List<(PendingAppend Pending, List<AppendResult> Results)> accepted)
    {
        foreach (var pending in group)
        {
            if (pending.CancellationToken.IsCancellationRequested)
            {
                pending.Cancel();
                continue;
            }

            var mine = new StagedBatch();
            var streamNo = lastStreamNo;
            try
            {
                var results = Stage(pending, count + batch.Entries.Count, batch.Streams, mine);
                batch.Add(mine);
                accepted.Add((pending, results));
            }
            catch (WrongExpectedVersionException ex)
            {
                lastStreamNo = streamNo;
                pending.Fail(ex);
            }
        }
    }

    private void RememberStreams(Dictionary<string, StreamState> streams)
    {
        if (streamCache.Count + streams.Count > MaxStreamCacheSize)
        {
            streamCache.Clear();
        }

        foreach (var (stream, state) in streams)
        {
            streamCache[stream] = state with { IsNew = false };
        }
    }

    private List<AppendResult> Stage(
        PendingAppend pending,
        long firstPosition,
        Dictionary<string, StreamState> staged,
        StagedBatch mine)
    {
        var results = new List<AppendResult>(pending.Requests.Count);
        foreach (var request in pending.Requests)
        {
            var state = mine.Streams.TryGetValue(request.StreamId, out var s) ? s
                : staged.TryGetValue(request.StreamId, out s) ? s
                : LookUpStream(request.StreamId);
            if (!request.Expected.IsSatisfiedBy(state.Version))
            {
                throw new WrongExpectedVersionException(request.StreamId, request.Expected, state.Version);
            }

            var first = firstPosition + mine.Entries.Count;
            mine.Ranges.Add(new StagedRange(state.StreamNo, state.Version + 1, first, request.Events.Count));
            var version = state.Version;
            foreach (var data in request.Events)
            {
                version++;
                var position = firstPosition + mine.Entries.Count;
                mine.Entries.Add(new StagedEntry(position, request.StreamId, version, data));
            }

            mine.Streams[request.StreamId] = state with { Version = version };
            results.Add(new AppendResult(first, firstPosition + mine.Entries.Count - 1, version));
        }

        return results;
    }

    private StreamState LookUpStream(string streamId)
    {
        if (streamCache.TryGetValue(streamId, out var state))
        {
            return state;
        }

        if (entryWriter.FindStream(streamId) is { } stored)
        {
            streamCache[streamId] = stored;
            return stored;
        }

        return new StreamState(++lastStreamNo, -1, IsNew: true);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Ledger opened at {Path} with {Count} entries")]
    private partial void LogOpened(string path, long count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Staging {Count} appends failed; they were refused and the writer goes on")]
    private partial void LogStageFailed(Exception exception, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Ledger commit of {Count} entries failed; the appends were refused")]
    private partial void LogCommitFailed(Exception exception, int count);
}
