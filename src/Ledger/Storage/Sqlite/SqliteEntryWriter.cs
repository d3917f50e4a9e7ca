using Microsoft.Data.Sqlite;
using SafetyLedger.Ledger.Merkle;

namespace SafetyLedger.Ledger.Storage.Sqlite;

/// <summary>The writer connection's prepared statements: entries and internal Merkle nodes in one transaction.</summary>
internal sealed class SqliteEntryWriter : IDisposable
{
    private readonly SqliteConnection connection;
    private readonly SqliteCommand insertEntry;
    private readonly SqliteCommand insertNode;
    private readonly SqliteCommand streamVersion;

    public SqliteEntryWriter(SqliteConnection connection)
    {
        this.connection = connection;
        insertEntry = connection.CreateCommand();
        insertEntry.CommandText = """
            INSERT INTO entries (position, stream_id, stream_version, event_type, tenant, bytes, leaf_hash)
            VALUES ($position, $stream, $version, $type, $tenant, $bytes, $leaf)
            """;
        foreach (var name in new[] { "$position", "$stream", "$version", "$type", "$tenant", "$bytes", "$leaf" })
        {
            insertEntry.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        insertNode = connection.CreateCommand();
        insertNode.CommandText = "INSERT INTO merkle_nodes (id, hash) VALUES ($id, $hash)";
        insertNode.Parameters.Add(new SqliteParameter { ParameterName = "$id" });
        insertNode.Parameters.Add(new SqliteParameter { ParameterName = "$hash" });

        streamVersion = connection.CreateCommand();
        streamVersion.CommandText = "SELECT max(stream_version) FROM entries WHERE stream_id = $stream";
        streamVersion.Parameters.Add(new SqliteParameter { ParameterName = "$stream" });
    }

    public long CountEntries()
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT coalesce(max(position) + 1, 0) FROM entries";
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>Last version of a stream, -1 when it has no entries.</summary>
    public long StreamVersion(string streamId)
    {
        streamVersion.Parameters[0].Value = streamId;
        return streamVersion.ExecuteScalar() is long version ? version : -1;
    }

    public void Write(IReadOnlyList<StagedEntry> entries, IReadOnlyList<MerkleNode> completed)
    {
        using var transaction = connection.BeginTransaction();
        insertEntry.Transaction = transaction;
        insertNode.Transaction = transaction;
        var p = insertEntry.Parameters;
        foreach (var entry in entries)
        {
            p[0].Value = entry.Position;
            p[1].Value = entry.StreamId;
            p[2].Value = entry.StreamVersion;
            p[3].Value = entry.EventType;
            p[4].Value = entry.Tenant;
            p[5].Value = entry.Bytes;
            p[6].Value = entry.LeafHash;
            insertEntry.ExecuteNonQuery();
        }

        foreach (var node in completed)
        {
            if (node.Level == 0)
            {
                continue;
            }

            insertNode.Parameters[0].Value = MerkleNodeIds.InternalNodeId(node.Level, node.Index);
            insertNode.Parameters[1].Value = node.Hash;
            insertNode.ExecuteNonQuery();
        }

        transaction.Commit();
        insertEntry.Transaction = null;
        insertNode.Transaction = null;
    }

    public void Dispose()
    {
        insertEntry.Dispose();
        insertNode.Dispose();
        streamVersion.Dispose();
    }
}
