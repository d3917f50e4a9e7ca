using System.Numerics;

namespace SafetyLedger.Ledger.Storage;

/// <summary>
/// Numbers every node of the log, leaves included, in the order appends complete them (post-order,
/// as in a Merkle mountain range), so that storing nodes is a pure append. A tree of n leaves has
/// 2n − popcount(n) complete nodes; node (level, index) is completed by leaf (index+1)·2^level − 1,
/// followed by tz(index+1) ancestors that the same leaf completes.
/// </summary>
public static class MerkleNodeIds
{
    public static long NodeId(int level, long index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(level);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        var leaves = (index + 1) << level;
        return NodeCount(leaves) - 1 - BitOperations.TrailingZeroCount(index + 1);
    }

    /// <summary>Number of complete nodes (leaves included) in a tree of <paramref name="size"/> leaves.</summary>
    public static long NodeCount(long size) => (2 * size) - BitOperations.PopCount((ulong)size);
}
