using System.Collections.Concurrent;
using SafetyLedger.Ledger.Merkle;

namespace SafetyLedger.Ledger.Storage.Sqlite;

/// <summary>
/// The stored tree's size and roots over read-only connections: for verifiers, which must not open the store for
/// writing (that would apply the schema and so restore append-only triggers someone removed).
/// </summary>
public sealed class SqliteTreeReader(LedgerStorageOptions options)
{
    private readonly ConcurrentDictionary<long, byte[]> cache = new();

    /// <summary>Number of entries (the next position).</summary>
    public long Size()
    {
        using var connection = SqliteSchema.Open(options, readOnly: true);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT coalesce(max(position) + 1, 0) FROM entries";
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>The root of the first <paramref name="treeSize"/> entries, from the stored nodes.</summary>
    public byte[] Root(long treeSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(treeSize);
        using var nodes = new SqliteNodeReader(SqliteSchema.Open(options, readOnly: true), cache, options.CachedNodeLevel);
        return new MerkleProofs(nodes).Root(treeSize);
    }
}
