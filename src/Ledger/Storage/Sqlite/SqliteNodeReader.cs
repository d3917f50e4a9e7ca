using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using SafetyLedger.Ledger.Merkle;
using SQLitePCL;

namespace SafetyLedger.Ledger.Storage.Sqlite;

/// <summary>
/// Reads complete Merkle nodes from <c>merkle_chunks</c>. In post-order numbering every perfect
/// subtree's nodes are consecutive, so a node below <c>cachedLevel</c> is served from a window
/// holding its whole aligned 2^cachedLevel-leaf subtree, loaded with one range query (a proof's
/// low siblings all sit in it); nodes at or above <c>cachedLevel</c> go to a shared cache, since
/// complete nodes never change. The hot statement runs on SQLite's own API: this is the proof path.
/// </summary>
internal sealed class SqliteNodeReader : IMerkleNodeSource, IDisposable
{
    private const string WindowSql = """
        SELECT first_id, hashes FROM merkle_chunks
        WHERE first_id >= coalesce((SELECT max(first_id) FROM merkle_chunks WHERE first_id <= ?1), 0) AND first_id <= ?2
        ORDER BY first_id
        """;

    private readonly SqliteConnection connection;
    private readonly sqlite3_stmt window;
    private readonly ConcurrentDictionary<long, byte[]> cache;
    private readonly int cachedLevel;
    private readonly byte[] windowHashes;
    private long windowFirst = -1;
    private long windowFilled = -1;

    public SqliteNodeReader(SqliteConnection connection, ConcurrentDictionary<long, byte[]> cache, int cachedLevel)
    {
        this.connection = connection;
        this.cache = cache;
        this.cachedLevel = cachedLevel;
        windowHashes = new byte[((2L << cachedLevel) - 1) * MerkleHash.Size];
        Check(raw.sqlite3_prepare_v2(connection.Handle, WindowSql, out window));
    }

    public byte[] GetNode(int level, long index)
    {
        var id = MerkleNodeIds.NodeId(level, index);
        if (level >= cachedLevel)
        {
            return cache.TryGetValue(id, out var cached) ? cached : cache.GetOrAdd(id, ReadOne(id, level, index));
        }

        if (id < windowFirst || id > windowFilled)
        {
            var subtree = index >> (cachedLevel - level);
            LoadWindow(MerkleNodeIds.NodeId(0, subtree << cachedLevel));
        }

        if (id < windowFirst || id > windowFilled)
        {
            throw Missing(level, index);
        }

        return windowHashes.AsSpan((int)(id - windowFirst) * MerkleHash.Size, MerkleHash.Size).ToArray();
    }

    public void Dispose()
    {
        window.Dispose();
        connection.Dispose();
    }

    private static void Check(int result)
    {
        if (result != raw.SQLITE_OK)
        {
            throw new InvalidOperationException($"SQLite error {result} preparing the Merkle node query.");
        }
    }

    private static InvalidOperationException Missing(int level, long index) =>
        new($"Merkle node (level {level}, index {index}) is not in the store.");

    /// <summary>Loads the stored nodes with ids from <paramref name="first"/> over one aligned subtree.</summary>
    private void LoadWindow(long first)
    {
        var last = first + (windowHashes.Length / MerkleHash.Size) - 1;
        windowFirst = first;
        windowFilled = first - 1;
        Scan(first, last, (id, hash) =>
        {
            hash.CopyTo(windowHashes.AsSpan((int)(id - first) * MerkleHash.Size));
            windowFilled = id;
        });
    }

    private byte[] ReadOne(long id, int level, long index)
    {
        byte[]? found = null;
        Scan(id, id, (_, hash) => found = hash.ToArray());
        return found ?? throw Missing(level, index);
    }

    /// <summary>Calls <paramref name="visit"/> for each stored node with an id in [<paramref name="first"/>, <paramref name="last"/>], in order.</summary>
    private void Scan(long first, long last, SpanAction visit)
    {
        try
        {
            raw.sqlite3_bind_int64(window, 1, first);
            raw.sqlite3_bind_int64(window, 2, last);
            while (raw.sqlite3_step(window) == raw.SQLITE_ROW)
            {
                var rowFirst = raw.sqlite3_column_int64(window, 0);
                var hashes = raw.sqlite3_column_blob(window, 1);
                for (var id = Math.Max(first, rowFirst); id <= last && (id - rowFirst + 1) * MerkleHash.Size <= hashes.Length; id++)
                {
                    visit(id, hashes.Slice((int)(id - rowFirst) * MerkleHash.Size, MerkleHash.Size));
                }
            }
        }
        finally
        {
            raw.sqlite3_reset(window);
        }
    }

    private delegate void SpanAction(long id, ReadOnlySpan<byte> hash);
}
