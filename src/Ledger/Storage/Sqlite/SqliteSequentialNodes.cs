using Microsoft.Data.Sqlite;
using SafetyLedger.Ledger.Merkle;

namespace SafetyLedger.Ledger.Storage.Sqlite;

/// <summary>Walks every stored Merkle node in id order, which is the order a rebuild completes them.</summary>
internal sealed class SqliteSequentialNodes : IDisposable
{
    private readonly SqliteCommand command;
    private readonly SqliteDataReader reader;
    private long chunkFirstId;
    private byte[] chunk = [];
    private int offset;

    public SqliteSequentialNodes(SqliteConnection connection)
    {
        command = connection.CreateCommand();
        command.CommandText = "SELECT first_id, hashes FROM merkle_chunks ORDER BY first_id";
        reader = command.ExecuteReader();
    }

    /// <summary>Ids of stored nodes that were skipped or overlapped (a chunk that does not start where the last ended).</summary>
    public long? Gap { get; private set; }

    /// <summary>The stored hash of the next node, which should have <paramref name="id"/>; null if it is missing.</summary>
    public byte[]? Next(long id)
    {
        if (offset >= chunk.Length)
        {
            if (!reader.Read())
            {
                return null;
            }

            var expected = chunkFirstId + (chunk.Length / MerkleHash.Size);
            chunkFirstId = reader.GetInt64(0);
            chunk = (byte[])reader.GetValue(1);
            offset = 0;
            if (chunkFirstId != expected && Gap is null)
            {
                Gap = expected;
            }
        }

        var current = chunkFirstId + (offset / MerkleHash.Size);
        if (current != id || offset + MerkleHash.Size > chunk.Length)
        {
            return null;
        }

        var hash = chunk.AsSpan(offset, MerkleHash.Size).ToArray();
        offset += MerkleHash.Size;
        return hash;
    }

    /// <summary>Whether stored nodes remain after the last one asked for.</summary>
    public bool HasMore() => offset < chunk.Length || reader.Read();

    public void Dispose()
    {
        reader.Dispose();
        command.Dispose();
    }
}
