using System.Numerics;

namespace SafetyLedger.Ledger.Storage;

/// <summary>
/// Numbers the internal nodes (level ≥ 1) of the log in the order they are completed as leaves are
/// appended (post-order), so that storing them is a pure append. A tree of n leaves has
/// n − popcount(n) internal nodes; node (level, index) is completed by leaf (index+1)·2^level − 1,
/// together with tz(index+1) ancestors that come after it.
/// </summary>
public static class MerkleNodeIds
{
    public static long InternalNodeId(int level, long index)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(level, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        var leaves = (index + 1) << level;
        return leaves - BitOperations.PopCount((ulong)leaves) - 1 - BitOperations.TrailingZeroCount(index + 1);
    }

    /// <summary>Number of internal nodes in a tree of <paramref name="size"/> leaves.</summary>
    public static long InternalNodeCount(long size) => size - BitOperations.PopCount((ulong)size);
}
