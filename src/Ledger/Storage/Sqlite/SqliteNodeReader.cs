using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using SafetyLedger.Ledger.Merkle;

namespace SafetyLedger.Ledger.Storage.Sqlite;

/// <summary>
/// Reads complete Merkle nodes over one connection with prepared statements. Leaves come from
/// the entry rows, internal nodes from <c>merkle_nodes</c>; upper levels are cached in a shared
/// dictionary because complete nodes never change.
/// </summary>
internal sealed class SqliteNodeReader : IMerkleNodeSource, IDisposable
{
    private readonly SqliteConnection connection;
    private readonly SqliteCommand leafCommand;
    private readonly SqliteParameter leafPosition;
    private readonly SqliteCommand nodeCommand;
    private readonly SqliteParameter nodeId;
    private readonly ConcurrentDictionary<long, byte[]> cache;
    private readonly int cachedLevel;

    public SqliteNodeReader(SqliteConnection connection, ConcurrentDictionary<long, byte[]> cache, int cachedLevel)
    {
        this.connection = connection;
        this.cache = cache;
        this.cachedLevel = cachedLevel;
        leafCommand = connection.CreateCommand();
        leafCommand.CommandText = "SELECT leaf_hash FROM entries WHERE position = $p";
        leafPosition = leafCommand.Parameters.Add("$p", SqliteType.Integer);
        leafCommand.Prepare();
        nodeCommand = connection.CreateCommand();
        nodeCommand.CommandText = "SELECT hash FROM merkle_nodes WHERE id = $id";
        nodeId = nodeCommand.Parameters.Add("$id", SqliteType.Integer);
        nodeCommand.Prepare();
    }

    public byte[] GetNode(int level, long index)
    {
        if (level == 0)
        {
            leafPosition.Value = index;
            return ReadHash(leafCommand, level, index);
        }

        var id = MerkleNodeIds.InternalNodeId(level, index);
        if (level >= cachedLevel && cache.TryGetValue(id, out var cached))
        {
            return cached;
        }

        nodeId.Value = id;
        var hash = ReadHash(nodeCommand, level, index);
        if (level >= cachedLevel)
        {
            cache.TryAdd(id, hash);
        }

        return hash;
    }

    public void Dispose()
    {
        leafCommand.Dispose();
        nodeCommand.Dispose();
        connection.Dispose();
    }

    private static byte[] ReadHash(SqliteCommand command, int level, long index)
    {
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            throw new InvalidOperationException($"Merkle node (level {level}, index {index}) is not in the store.");
        }

        return (byte[])reader.GetValue(0);
    }
}
