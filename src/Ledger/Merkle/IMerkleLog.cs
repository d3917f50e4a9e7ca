namespace SafetyLedger.Ledger.Merkle;

/// <summary>The Merkle log over all entries: roots and proofs for the current or any earlier tree size.</summary>
public interface IMerkleLog
{
    /// <summary>Current tree size (number of committed entries).</summary>
    long Size { get; }

    byte[] LeafHash(long index);

    byte[] Root(long treeSize);

    IReadOnlyList<byte[]> InclusionProof(long index, long treeSize);

    IReadOnlyList<byte[]> ConsistencyProof(long size1, long size2);
}
