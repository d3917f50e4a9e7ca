using System.Collections.Concurrent;
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
    private const int MaxVersionCacheSize = 100_000;

    private readonly LedgerStorageOptions options;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly SqliteConnection writer;
    private readonly SqliteEntryWriter entryWriter;
    private readonly Channel<PendingAppend> queue;
    private readonly Task writerLoop;
    private readonly ConcurrentDictionary<long, byte[]> nodeCache = new();
    private readonly ConcurrentBag<SqliteNodeReader> nodeReaders = [];
    private readonly Dictionary<string, long> versionCache = new(StringComparer.Ordinal);
    private MerkleFrontier frontier;
    private long count;
    private TaskCompletionSource headChanged = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private SqliteLedgerStore(LedgerStorageOptions options, TimeProvider time, ILogger logger)
    {
        this.options = options;
        this.time = time;
        this.logger = logger;
        Directory.CreateDirectory(options.DataDirectory);
        writer = SqliteSchema.Open(options);
        SqliteSchema.Apply(writer);
        entryWriter = new SqliteEntryWriter(writer);
        count = entryWriter.CountEntries();
        frontier = WithNodeReader(nodes => MerkleFrontier.Restore(count, nodes));
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
        foreach (var request in requests)
        {
            Validate(request);
        }

        var pending = new PendingAppend(requests, cancellationToken);
        await queue.Writer.WriteAsync(pending, cancellationToken);
#pragma warning disable VSTHRD003 // The writer task completes this promise after the commit is durable.
        return await pending.Task;
#pragma warning restore VSTHRD003
    }

    public Task<LedgerEntry?> ReadAsync(long position, CancellationToken cancellationToken)
    {
        var entries = Query("SELECT bytes FROM entries WHERE position = $a", position, null, 1);
        return Task.FromResult<LedgerEntry?>(entries.Count == 0 ? null : entries[0]);
    }

    public Task<IReadOnlyList<LedgerEntry>> ReadAllAsync(long fromPosition, int maxCount, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<LedgerEntry>>(Query("SELECT bytes FROM entries WHERE position >= $a ORDER BY position LIMIT $n", fromPosition, null, maxCount));

    public Task<IReadOnlyList<LedgerEntry>> ReadStreamAsync(string streamId, long fromVersion, int maxCount, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<LedgerEntry>>(Query(
            "SELECT bytes FROM entries WHERE stream_id = $s AND stream_version >= $a ORDER BY stream_version LIMIT $n",
            fromVersion,
            streamId,
            maxCount));

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
        writer.Dispose();
        while (nodeReaders.TryTake(out var reader))
        {
            reader.Dispose();
        }
    }

    private static void Validate(AppendRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.StreamId))
        {
            throw new ArgumentException("A stream id is required.", nameof(request));
        }

        if (request.Events is null || request.Events.Count == 0)
        {
            throw new ArgumentException($"An append to '{request.StreamId}' has no events.", nameof(request));
        }

        foreach (var data in request.Events)
        {
            if (string.IsNullOrWhiteSpace(data.EventType) || string.IsNullOrWhiteSpace(data.Tenant))
            {
                throw new ArgumentException($"Every event in '{request.StreamId}' needs an event type and a tenant.", nameof(request));
            }
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

    private List<LedgerEntry> Query(string sql, long from, string? streamId, int maxCount)
    {
        using var connection = SqliteSchema.Open(options, readOnly: true);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$a", from);
        command.Parameters.AddWithValue("$n", maxCount);
        if (streamId is not null)
        {
            command.Parameters.AddWithValue("$s", streamId);
        }

        var entries = new List<LedgerEntry>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            entries.Add(EntryCodec.Decode((byte[])reader.GetValue(0)));
        }

        return entries;
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
        var staged = new List<StagedEntry>();
        var accepted = new List<(PendingAppend Pending, List<AppendResult> Results)>();
        var overlay = new Dictionary<string, long>(StringComparer.Ordinal);
        StageGroup(group, staged, accepted, overlay);
        if (staged.Count == 0)
        {
            return;
        }

        try
        {
            var completed = new List<MerkleNode>(staged.Count * 2);
            foreach (var entry in staged)
            {
                frontier.Append(entry.LeafHash, completed);
            }

            entryWriter.Write(staged, completed);
        }
#pragma warning disable CA1031 // Any storage failure fails the whole group; nothing was acknowledged.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogCommitFailed(ex, staged.Count);
            versionCache.Clear();
            frontier = WithNodeReader(nodes => MerkleFrontier.Restore(count, nodes));
            foreach (var (pending, _) in accepted)
            {
                pending.Fail(new IOException("The ledger could not commit the append; nothing of it was stored.", ex));
            }

            return;
        }

        Interlocked.Add(ref count, staged.Count);
        RememberVersions(overlay);
        foreach (var (pending, results) in accepted)
        {
            pending.Succeed(results);
        }

        Interlocked.Exchange(ref headChanged, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    private void StageGroup(
        List<PendingAppend> group,
        List<StagedEntry> staged,
        List<(PendingAppend Pending, List<AppendResult> Results)> accepted,
        Dictionary<string, long> overlay)
    {
        var recordedAt = time.GetUtcNow();
        foreach (var pending in group)
        {
            if (pending.CancellationToken.IsCancellationRequested)
            {
                pending.Cancel();
                continue;
            }

            try
            {
                var results = Stage(pending, recordedAt, count + staged.Count, overlay, staged);
                accepted.Add((pending, results));
            }
            catch (Exception ex) when (ex is WrongExpectedVersionException or ArgumentException)
            {
                pending.Fail(ex);
            }
        }
    }

    private void RememberVersions(Dictionary<string, long> overlay)
    {
        if (versionCache.Count + overlay.Count > MaxVersionCacheSize)
        {
            versionCache.Clear();
        }

        foreach (var (stream, version) in overlay)
        {
            versionCache[stream] = version;
        }
    }

    private List<AppendResult> Stage(
        PendingAppend pending,
        DateTimeOffset recordedAt,
        long firstPosition,
        Dictionary<string, long> overlay,
        List<StagedEntry> staged)
    {
        var local = new Dictionary<string, long>(StringComparer.Ordinal);
        var mine = new List<StagedEntry>();
        var results = new List<AppendResult>(pending.Requests.Count);
        foreach (var request in pending.Requests)
        {
            var current = local.TryGetValue(request.StreamId, out var v) ? v
                : overlay.TryGetValue(request.StreamId, out v) ? v
                : CurrentVersion(request.StreamId);
            if (!request.Expected.IsSatisfiedBy(current))
            {
                throw new WrongExpectedVersionException(request.StreamId, request.Expected, current);
            }

            var first = firstPosition + mine.Count;
            foreach (var data in request.Events)
            {
                current++;
                var position = firstPosition + mine.Count;
                var bytes = EntryCodec.Encode(position, request.StreamId, current, data, recordedAt);
                mine.Add(new StagedEntry(position, request.StreamId, current, data.EventType, data.Tenant, bytes, MerkleHash.Leaf(bytes)));
            }

            local[request.StreamId] = current;
            results.Add(new AppendResult(first, firstPosition + mine.Count - 1, current));
        }

        staged.AddRange(mine);
        foreach (var (stream, version) in local)
        {
            overlay[stream] = version;
        }

        return results;
    }

    private long CurrentVersion(string streamId)
    {
        if (versionCache.TryGetValue(streamId, out var version))
        {
            return version;
        }

        version = entryWriter.StreamVersion(streamId);
        versionCache[streamId] = version;
        return version;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Ledger opened at {Path} with {Count} entries")]
    private partial void LogOpened(string path, long count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Ledger commit of {Count} entries failed; the appends were refused")]
    private partial void LogCommitFailed(Exception exception, int count);
}
