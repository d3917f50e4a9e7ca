using SafetyLedger.Ledger.Merkle;

namespace SafetyLedger.Ledger.Tests.Merkle;

/// <summary>A tree grown leaf by leaf with <see cref="MerkleFrontier"/>, keeping the leaves, the stored nodes and the root after every append.</summary>
internal sealed class TestTree
{
    private readonly List<MerkleNode> _completed = [];

    public List<byte[]> Leaves { get; } = [];

    public InMemoryNodeSource Nodes { get; } = new();

    public MerkleFrontier Frontier { get; } = new();

    /// <summary>Frontier root after each append; index = tree size, so [0] is the empty root.</summary>
    public List<byte[]> RootsBySize { get; } = [MerkleHash.EmptyRoot()];

    public MerkleProofs Proofs => new(Nodes);

    public static TestTree WithRandomLeaves(int size, int seed)
    {
        var random = new Random(seed);
        var tree = new TestTree();
        for (var i = 0; i < size; i++)
        {
            var entry = new byte[random.Next(0, 40)];
            random.NextBytes(entry);
            tree.Append(MerkleHash.Leaf(entry));
        }

        return tree;
    }

    public static TestTree FromEntries(params byte[][] entries)
    {
        var tree = new TestTree();
        foreach (var entry in entries)
        {
            tree.Append(MerkleHash.Leaf(entry));
        }

        return tree;
    }

    public void Append(byte[] leafHash)
    {
        _completed.Clear();
        Frontier.Append(leafHash, _completed);
        foreach (var node in _completed)
        {
            Nodes.Add(node);
        }

        Leaves.Add(leafHash);
        RootsBySize.Add(Frontier.Root());
    }
}
