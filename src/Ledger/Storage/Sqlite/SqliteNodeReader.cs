using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using SafetyLedger.Ledger.Merkle;

namespace SafetyLedger.Ledger.Storage.Sqlite;

/// <summary>
/// Reads complete Merkle nodes from <c>merkle_chunks</c> over one connection with a prepared
/// statement. The last chunk read is kept (a proof's low siblings sit close together) and upper
/// levels go to a shared cache, since complete nodes never change.
/// </summary>
internal sealed class SqliteNodeReader : IMerkleNodeSource, IDisposable
{
    private readonly SqliteConnection connection;
    private readonly SqliteCommand chunkCommand;
    private readonly SqliteParameter chunkId;
    private readonly ConcurrentDictionary<long, byte[]> cache;
    private readonly int cachedLevel;
    private long lastFirstId = -1;
    private byte[] lastChunk = [];

    public SqliteNodeReader(SqliteConnection connection, ConcurrentDictionary<long, byte[]> cache, int cachedLevel)
    {
        this.connection = connection;
        this.cache = cache;
        this.cachedLevel = cachedLevel;
        chunkCommand = connection.CreateCommand();
        chunkCommand.CommandText = "SELECT first_id, hashes FROM merkle_chunks WHERE first_id <= $id ORDER BY first_id DESC LIMIT 1";
        chunkId = chunkCommand.Parameters.Add("$id", SqliteType.Integer);
        chunkCommand.Prepare();
    }

    public byte[] GetNode(int level, long index)
    {
        var id = MerkleNodeIds.NodeId(level, index);
        if (level >= cachedLevel && cache.TryGetValue(id, out var cached))
        {
            return cached;
        }

        if (!InLastChunk(id))
        {
            chunkId.Value = id;
            using var reader = chunkCommand.ExecuteReader();
            if (reader.Read())
            {
                lastFirstId = reader.GetInt64(0);
                lastChunk = (byte[])reader.GetValue(1);
            }

            if (!InLastChunk(id))
            {
                throw new InvalidOperationException($"Merkle node (level {level}, index {index}) is not in the store.");
            }
        }

        var hash = lastChunk.AsSpan((int)(id - lastFirstId) * MerkleHash.Size, MerkleHash.Size).ToArray();
        if (level >= cachedLevel)
        {
            cache.TryAdd(id, hash);
        }

        return hash;
    }

    public void Dispose()
    {
        chunkCommand.Dispose();
        connection.Dispose();
    }

    private bool InLastChunk(long id) =>
        lastFirstId >= 0 && id >= lastFirstId && (id - lastFirstId + 1) * MerkleHash.Size <= lastChunk.Length;
}
