using System.Diagnostics.CodeAnalysis;

namespace SafetyLedger.Ledger.Merkle;

/// <summary>
/// The right edge (compact range) of a growing RFC 9162 tree: one perfect subtree root per set bit of
/// <see cref="Size"/>, largest first. Appending a leaf merges equal-sized subtrees like a binary counter.
/// </summary>
public sealed class MerkleFrontier
{
    /// <summary>Most hashes one append writes: the leaf and one ancestor per level (a tree has at most 63 levels).</summary>
    internal const int MaxCompletedPerAppend = 64;

    /// <summary>The subtree roots, 32 bytes each, largest first; <see cref="Depth"/> of them are in use.</summary>
    private readonly byte[] roots = new byte[MaxCompletedPerAppend * MerkleHash.Size];

    /// <summary>Creates the frontier of the empty tree.</summary>
    public MerkleFrontier()
    {
    }

    /// <summary>Number of leaves in the tree.</summary>
    public long Size { get; private set; }

    private int Depth { get; set; }

    /// <summary>Rebuilds the frontier of a tree of <paramref name="size"/> leaves from its O(log n) perfect subtree roots.</summary>
    public static MerkleFrontier Restore(long size, IMerkleNodeSource nodes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        ArgumentNullException.ThrowIfNull(nodes);
        var frontier = new MerkleFrontier();
        foreach (var (level, index) in PerfectSubtrees.Of(0, size))
        {
            PerfectSubtrees.Read(nodes, level, index).CopyTo(frontier.RootAt(frontier.Depth++));
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
        Span<byte> hashes = stackalloc byte[MaxCompletedPerAppend * MerkleHash.Size];
        var index = Size;
        var written = Append(leafHash, hashes, hasher: null);
        for (var level = 0; level < written; level++)
        {
            completed.Add(new MerkleNode(level, index >> level, hashes.Slice(level * MerkleHash.Size, MerkleHash.Size).ToArray()));
        }
    }

    /// <summary>
    /// Appends a leaf hash without allocating: writes the leaf and every node it completes, bottom-up, to
    /// <paramref name="completed"/> (room for <see cref="MaxCompletedPerAppend"/> hashes) and returns how
    /// many. Interior nodes are hashed with <paramref name="hasher"/> when given (one per thread), else one-shot.
    /// </summary>
    internal int Append(ReadOnlySpan<byte> leafHash, Span<byte> completed, MerkleHasher? hasher)
    {
        if (leafHash.Length != MerkleHash.Size)
        {
            throw new ArgumentException($"A leaf hash is {MerkleHash.Size} bytes, not {leafHash.Length}.", nameof(leafHash));
        }

        leafHash.CopyTo(completed);
        return 1 + AppendSubtree(leafHash, 0, completed[MerkleHash.Size..], hasher);
    }

    /// <summary>
    /// Appends a whole perfect subtree of 2^<paramref name="level"/> leaves whose nodes the caller already has
    /// (valid only when <see cref="Size"/> is a multiple of 2^<paramref name="level"/>): merges its
    /// <paramref name="root"/> with the frontier's roots, writes the nodes above it that this completes,
    /// bottom-up, to <paramref name="completed"/> and returns how many (the subtree's own nodes are not written).
    /// Interior nodes are hashed with <paramref name="hasher"/> when given (one per thread), else one-shot.
    /// </summary>
    internal int AppendSubtree(ReadOnlySpan<byte> root, int level, Span<byte> completed, MerkleHasher? hasher)
    {
        if (root.Length != MerkleHash.Size)
        {
            throw new ArgumentException($"A subtree root is {MerkleHash.Size} bytes, not {root.Length}.", nameof(root));
        }

        var leaves = 1L << level;
        if ((Size & (leaves - 1)) != 0)
        {
            throw new InvalidOperationException($"A subtree of {leaves} leaves cannot start at tree size {Size}.");
        }

        if (Size > long.MaxValue - leaves)
        {
            throw new InvalidOperationException("The tree cannot grow beyond long.MaxValue leaves.");
        }

        var written = 0;
        var right = root;
        for (var index = Size >> level; (index & 1) == 1; index >>= 1)
        {
            var hash = completed.Slice(written * MerkleHash.Size, MerkleHash.Size);
            if (hasher is null)
            {
                MerkleHash.Node(RootAt(--Depth), right, hash);
            }
            else
            {
                hasher.Node(RootAt(--Depth), right, hash);
            }

            right = hash;
            written++;
        }

        right.CopyTo(RootAt(Depth++));
        Size += leaves;
        return written;
    }

    /// <summary>RFC 9162 root of the current tree: the subtree roots folded right to left; the empty root for size 0.</summary>
    public byte[] Root()
    {
        if (Depth == 0)
        {
            return MerkleHash.EmptyRoot();
        }

        var acc = RootAt(Depth - 1).ToArray();
        for (var i = Depth - 2; i >= 0; i--)
        {
            MerkleHash.Node(RootAt(i), acc, acc);
        }

        return acc;
    }

    private Span<byte> RootAt(int i) => roots.AsSpan(i * MerkleHash.Size, MerkleHash.Size);
}
