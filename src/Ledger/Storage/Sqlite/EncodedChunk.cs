using System.Buffers;
using System.Numerics;
using SafetyLedger.Ledger.Merkle;

namespace SafetyLedger.Ledger.Storage.Sqlite;

/// <summary>
/// A reusable buffer of consecutive encoded entries with their leaf hashes, and the Merkle node hashes
/// they complete (in node-id order); nothing is allocated per entry. A full chunk (its capacity is a power
/// of two and its first position a multiple of it) is a perfect subtree: the thread that encodes it also
/// hashes its nodes (<see cref="HashSubtree"/>), and the writer only merges its root into the frontier.
/// </summary>
internal sealed class EncodedChunk(int capacity)
{
    private readonly ArrayBufferWriter<byte> bytes = new(capacity * 512);
    private readonly int[] ends = new int[capacity];
    private readonly byte[] leaves = new byte[capacity * MerkleHash.Size];

    /// <summary>Room for every node <see cref="Capacity"/> consecutive leaves can complete: at most 2k + 63.</summary>
    private readonly byte[] nodes = new byte[((2 * capacity) + MerkleFrontier.MaxCompletedPerAppend) * MerkleHash.Size];

    public int Capacity { get; } = capacity;

    public long FirstPosition { get; private set; }

    public int Count { get; private set; }

    public int NodeCount { get; private set; }

    /// <summary>Whether <see cref="Nodes"/> starts with this chunk's whole subtree (see <see cref="HashSubtree"/>).</summary>
    public bool IsSubtree { get; private set; }

    /// <summary>The subtree's root, the last of its nodes; valid when <see cref="IsSubtree"/>.</summary>
    public ReadOnlySpan<byte> SubtreeRoot => nodes.AsSpan((NodeCount - 1) * MerkleHash.Size, MerkleHash.Size);

    /// <summary>Size of the entry buffer, which grows with the largest entries it has held.</summary>
    public int BufferBytes => bytes.Capacity;

    /// <summary>Where the encoder appends the next entry.</summary>
    public IBufferWriter<byte> Writer => bytes;

    public ReadOnlySpan<byte> Nodes => nodes.AsSpan(0, NodeCount * MerkleHash.Size);

    /// <summary>Space for the nodes the next leaf completes.</summary>
    public Span<byte> FreeNodes => nodes.AsSpan(NodeCount * MerkleHash.Size);

    public void Reset(long firstPosition)
    {
        bytes.ResetWrittenCount();
        FirstPosition = firstPosition;
        Count = 0;
        NodeCount = 0;
        IsSubtree = false;
    }

    /// <summary>
    /// When the chunk is full and aligned, writes all 2·<see cref="Capacity"/> − 1 nodes of its perfect
    /// subtree to <see cref="Nodes"/> in post-order, the order the frontier would complete them leaf by leaf
    /// (each leaf, then the ancestors it completes inside the chunk), and sets <see cref="IsSubtree"/>.
    /// In post-order a node's right child is the node just written and its left child the one 2^level back.
    /// </summary>
    public void HashSubtree(MerkleHasher hasher)
    {
        if (Count != Capacity || !BitOperations.IsPow2(Capacity) || FirstPosition % Capacity != 0)
        {
            return;
        }

        const int Size = MerkleHash.Size;
        var written = 0;
        for (var i = 0; i < Count; i++)
        {
            LeafSlot(i).CopyTo(nodes.AsSpan(written++ * Size, Size));
            var span = 1;
            for (var index = i; (index & 1) == 1; index >>= 1)
            {
                span <<= 1;
                var left = nodes.AsSpan((written - span) * Size, Size);
                var right = nodes.AsSpan((written - 1) * Size, Size);
                hasher.Node(left, right, nodes.AsSpan(written++ * Size, Size));
            }
        }

        NodeCount = written;
        IsSubtree = true;
    }

    public ReadOnlySpan<byte> Entry(int i) => bytes.WrittenSpan[(i == 0 ? 0 : ends[i - 1])..ends[i]];

    public ReadOnlySpan<byte> Leaf(int i) => LeafSlot(i);

    /// <summary>Closes the entry the encoder just wrote; returns its index.</summary>
    public int EndEntry()
    {
        ends[Count] = bytes.WrittenCount;
        return Count++;
    }

    /// <summary>Where entry <paramref name="i"/>'s leaf hash goes.</summary>
    public Span<byte> LeafSlot(int i) => leaves.AsSpan(i * MerkleHash.Size, MerkleHash.Size);

    public void AddNodes(int count) => NodeCount += count;
}
