using SafetyLedger.Ledger.Merkle;

namespace SafetyLedger.Ledger.Tests.Merkle;

/// <summary>A tree of 2^20 + 12,345 leaves built with <see cref="MerkleFrontier"/>, every completed node stored.</summary>
public sealed class LargeTreeFixture
{
    public const long Size = (1L << 20) + 12_345;

    public LargeTreeFixture()
    {
        var frontier = new MerkleFrontier();
        var completed = new List<MerkleNode>();
        Span<byte> entry = stackalloc byte[sizeof(long)];
        for (long i = 0; i < Size; i++)
        {
            completed.Clear();
            BitConverter.TryWriteBytes(entry, i);
            frontier.Append(MerkleHash.Leaf(entry), completed);
            foreach (var node in completed)
            {
                Nodes.Add(node);
            }
        }

        Root = frontier.Root();
    }

    internal InMemoryNodeSource Nodes { get; } = new();

    public byte[] Root { get; }

    public static byte[] LeafHash(long index) => MerkleHash.Leaf(BitConverter.GetBytes(index));
}
