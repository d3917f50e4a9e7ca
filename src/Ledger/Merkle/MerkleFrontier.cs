using System.Diagnostics.CodeAnalysis;

namespace SafetyLedger.Ledger.Merkle;

/// <summary>
/// The right edge (compact range) of a growing RFC 9162 tree: one perfect subtree root per set bit of
/// <see cref="Size"/>, largest first. Appending a leaf merges equal-sized subtrees like a binary counter.
/// </summary>
public sealed class MerkleFrontier
{
    private readonly List<byte[]> _roots = [];

    /// <summary>Creates the frontier of the empty tree.</summary>
    public MerkleFrontier()
    {
    }

    /// <summary>Number of leaves in the tree.</summary>
    public long Size { get; private set; }

    /// <summary>Rebuilds the frontier of a tree of <paramref name="size"/> leaves from its O(log n) perfect subtree roots.</summary>
    public static MerkleFrontier Restore(long size, IMerkleNodeSource nodes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        ArgumentNullException.ThrowIfNull(nodes);
        var frontier = new MerkleFrontier();
        foreach (var (level, index) in PerfectSubtrees.Of(0, size))
        {
            frontier._roots.Add(PerfectSubtrees.Read(nodes, level, index));
        }

        frontier.Size = size;
        return frontier;
    }

    /// <summary>
    /// Appends a leaf hash and adds to <paramref name="completed"/> the leaf node (level 0) followed by every
    /// node this leaf completes, bottom-up, so the caller can persist them.
    /// </summary>
    [SuppressMessage("Design", "MA0016:Prefer using collection abstraction instead of implementation", Justification = "The cross-team API contract fixes List<MerkleNode> here.")]
    public void Append(byte[] leafHash, List<MerkleNode> completed)
    {
        ArgumentNullException.ThrowIfNull(leafHash);
        ArgumentNullException.ThrowIfNull(completed);
        if (leafHash.Length != MerkleHash.Size)
        {
            throw new ArgumentException($"A leaf hash is {MerkleHash.Size} bytes, not {leafHash.Length}.", nameof(leafHash));
        }

        if (Size == long.MaxValue)
        {
            throw new InvalidOperationException("The tree cannot grow beyond long.MaxValue leaves.");
        }

        var hash = (byte[])leafHash.Clone();
        var index = Size;
        var level = 0;
        completed.Add(new MerkleNode(level, index, hash));
        while ((index & 1) == 1)
        {
            var left = _roots[^1];
            _roots.RemoveAt(_roots.Count - 1);
            hash = MerkleHash.Node(left, hash);
            index >>= 1;
            level++;
            completed.Add(new MerkleNode(level, index, hash));
        }

        _roots.Add(hash);
        Size++;
    }

    /// <summary>RFC 9162 root of the current tree: the subtree roots folded right to left; the empty root for size 0.</summary>
    public byte[] Root()
    {
        if (_roots.Count == 0)
        {
            return MerkleHash.EmptyRoot();
        }

        var acc = (byte[])_roots[^1].Clone();
        for (var i = _roots.Count - 2; i >= 0; i--)
        {
            MerkleHash.Node(_roots[i], acc, acc);
        }

        return acc;
    }
}
