using SafetyLedger.Ledger.Merkle;

namespace SafetyLedger.Ledger.Tests.Merkle;

/// <summary>A view of a node source that fails on any node outside the tree of the given size.</summary>
internal sealed class TreeSizeGuard(IMerkleNodeSource inner, long size) : IMerkleNodeSource
{
    public byte[] GetNode(int level, long index)
    {
        if ((index + 1) << level > size)
        {
            throw new InvalidOperationException($"Node (level {level}, index {index}) lies outside the tree of size {size}.");
        }

        return inner.GetNode(level, index);
    }
}
