namespace SafetyLedger.Ledger.Merkle;

/// <summary>
/// RFC 9162 roots and proofs for any tree size the node source covers. Every MTH the RFC recursion needs is
/// read as the perfect subtrees of its range, so each call costs O(log n) reads of <see cref="IMerkleNodeSource"/>.
/// </summary>
public sealed class MerkleProofs(IMerkleNodeSource nodes)
{
    private readonly IMerkleNodeSource _nodes = nodes ?? throw new ArgumentNullException(nameof(nodes));

    /// <summary>MTH of the first <paramref name="size"/> leaves; the empty root for size 0.</summary>
    public byte[] Root(long size)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        return size == 0 ? MerkleHash.EmptyRoot() : PerfectSubtrees.RangeHash(_nodes, new LeafRange(0, size));
    }

    /// <summary>RFC 9162 §2.1.3.1 PATH(index, D[0:size]): sibling hashes from the leaf up to the root.</summary>
    public IReadOnlyList<byte[]> Inclusion(long index, long size)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, size);
        return Hashes(ProofShape.Inclusion(index, size));
    }

    /// <summary>RFC 9162 §2.1.4.1 PROOF(size1, D[0:size2]); empty when the sizes are equal.</summary>
    public IReadOnlyList<byte[]> Consistency(long size1, long size2)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(size1, size2);
        return Hashes(ProofShape.Consistency(size1, size2));
    }

    private byte[][] Hashes(List<LeafRange> ranges)
    {
        var hashes = new byte[ranges.Count][];
        for (var i = 0; i < hashes.Length; i++)
        {
            hashes[i] = PerfectSubtrees.RangeHash(_nodes, ranges[i]);
        }

        return hashes;
    }
}
