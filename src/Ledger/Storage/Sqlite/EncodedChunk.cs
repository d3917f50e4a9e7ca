using System.Buffers;
using SafetyLedger.Ledger.Merkle;

namespace SafetyLedger.Ledger.Storage.Sqlite;

/// <summary>
/// A reusable buffer of consecutive encoded entries with their leaf hashes, and the Merkle node hashes
/// they complete (in node-id order); nothing is allocated per entry.
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
