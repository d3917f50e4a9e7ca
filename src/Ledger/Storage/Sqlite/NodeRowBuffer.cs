using SafetyLedger.Ledger.Merkle;

namespace SafetyLedger.Ledger.Storage.Sqlite;

/// <summary>Packs consecutive Merkle node hashes into rows of up to <see cref="SqliteSchema.MaxNodesPerChunk"/>.</summary>
internal sealed class NodeRowBuffer(long firstNodeId, Action<long, byte[]> writeRow)
{
    private readonly byte[] row = new byte[SqliteSchema.MaxNodesPerChunk * MerkleHash.Size];
    private long nextId = firstNodeId;
    private int count;

    public void AddRange(IReadOnlyList<byte[]> hashes)
    {
        foreach (var hash in hashes)
        {
            hash.CopyTo(row, count * MerkleHash.Size);
            count++;
            if (count == SqliteSchema.MaxNodesPerChunk)
            {
                Flush();
            }
        }
    }

    public void Flush()
    {
        if (count == 0)
        {
            return;
        }

        writeRow(nextId, row.AsSpan(0, count * MerkleHash.Size).ToArray());
        nextId += count;
        count = 0;
    }
}
