using SafetyLedger.Ledger.Merkle;

namespace SafetyLedger.Ledger.Storage.Sqlite;

/// <summary>Packs consecutive Merkle node hashes into rows of up to <see cref="SqliteSchema.MaxNodesPerChunk"/>.</summary>
internal sealed class NodeRowBuffer(NativeInsert insertRow)
{
    private readonly byte[] row = new byte[SqliteSchema.MaxNodesPerChunk * MerkleHash.Size];
    private long nextId;
    private int count;

    public void Start(long firstNodeId)
    {
        nextId = firstNodeId;
        count = 0;
    }

    public void AddRange(ReadOnlySpan<byte> hashes)
    {
        while (!hashes.IsEmpty)
        {
            var take = Math.Min(hashes.Length, row.Length - (count * MerkleHash.Size));
            hashes[..take].CopyTo(row.AsSpan(count * MerkleHash.Size));
            hashes = hashes[take..];
            count += take / MerkleHash.Size;
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

        insertRow.Execute(nextId, row.AsSpan(0, count * MerkleHash.Size));
        nextId += count;
        count = 0;
    }
}
