namespace SafetyLedger.Ledger.Merkle;

/// <summary>
/// Splits a leaf range [start, start+count) into the perfect subtrees of its RFC 9162 tree, left to right.
/// The range must be aligned: start is a multiple of the smallest power of two ≥ count, as every range the
/// RFC recursion produces is.
/// </summary>
internal static class PerfectSubtrees
{
    /// <summary>The (level, index) of each perfect subtree of the range, largest (leftmost) first.</summary>
    public static IEnumerable<(int Level, long Index)> Of(long start, long count)
    {
        var position = start;
        for (var level = 62; level >= 0; level--)
        {
            var width = 1L << level;
            if ((count & width) != 0)
            {
                yield return (level, position >> level);
                position += width;
            }
        }
    }

    /// <summary>MTH of the aligned range: its perfect subtree roots combined right to left. Always a new array.</summary>
    public static byte[] RangeHash(IMerkleNodeSource nodes, LeafRange range)
    {
        byte[]? acc = null;
        var pieces = Of(range.Start, range.Count).ToArray();
        for (var i = pieces.Length - 1; i >= 0; i--)
        {
            var node = Read(nodes, pieces[i].Level, pieces[i].Index);
            if (acc is null)
            {
                acc = (byte[])node.Clone();
            }
            else
            {
                MerkleHash.Node(node, acc, acc);
            }
        }

        return acc ?? throw new ArgumentOutOfRangeException(nameof(range), range, "A range hash needs at least one leaf.");
    }

    /// <summary>Reads one node and checks it is a 32-byte hash.</summary>
    public static byte[] Read(IMerkleNodeSource nodes, int level, long index)
    {
        var hash = nodes.GetNode(level, index);
        if (hash is null || hash.Length != MerkleHash.Size)
        {
            throw new InvalidOperationException(
                $"The node source returned {hash?.Length ?? 0} bytes for node (level {level}, index {index}); expected {MerkleHash.Size}.");
        }

        return hash;
    }
}
