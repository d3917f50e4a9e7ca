namespace SafetyLedger.Ledger.Merkle;

/// <summary>
/// Reads hashes of perfect (complete) subtrees of the log: the node at <paramref name="level"/>
/// and <paramref name="index"/> covers leaves [index·2^level, (index+1)·2^level). Level 0 is a leaf hash.
/// Such nodes never change once the tree has grown past them, so implementations may cache them.
/// </summary>
public interface IMerkleNodeSource
{
    /// <summary>Returns the 32-byte hash of a complete node that exists in the tree.</summary>
    byte[] GetNode(int level, long index);
}
