using SafetyLedger.Ledger.Merkle;

namespace SafetyLedger.Ledger.Tests.Merkle;

public sealed class MerkleFrontierTests
{
    private static byte[] H(int i) => MerkleHash.Leaf([(byte)i]);

    [Fact]
    public void New_frontier_is_empty_with_the_empty_root()
    {
        var frontier = new MerkleFrontier();

        Assert.Equal(0, frontier.Size);
        Assert.Equal(MerkleHash.EmptyRoot(), frontier.Root());
    }

    [Fact]
    public void Appending_a_leaf_at_an_even_index_completes_only_the_leaf()
    {
        var frontier = new MerkleFrontier();
        var completed = new List<MerkleNode>();

        frontier.Append(H(0), completed);

        var node = Assert.Single(completed);
        Assert.Equal((0, 0L), (node.Level, node.Index));
        Assert.Equal(H(0), node.Hash);
        Assert.Equal(1, frontier.Size);
    }

    [Fact]
    public void Appending_the_fourth_leaf_completes_the_leaf_the_pair_and_the_quad_bottom_up()
    {
        var frontier = new MerkleFrontier();
        var completed = new List<MerkleNode>();
        for (var i = 0; i < 3; i++)
        {
            frontier.Append(H(i), completed);
        }

        completed.Clear();
        frontier.Append(H(3), completed);

        Assert.Equal([(0, 3L), (1, 1L), (2, 0L)], completed.Select(n => (n.Level, n.Index)));
        Assert.Equal(H(3), completed[0].Hash);
        Assert.Equal(MerkleHash.Node(H(2), H(3)), completed[1].Hash);
        Assert.Equal(MerkleHash.Node(MerkleHash.Node(H(0), H(1)), MerkleHash.Node(H(2), H(3))), completed[2].Hash);
        Assert.Equal(completed[2].Hash, frontier.Root());
    }

    [Fact]
    public void Append_adds_to_the_callers_list_without_clearing_it()
    {
        var frontier = new MerkleFrontier();
        var completed = new List<MerkleNode>();

        frontier.Append(H(0), completed);
        frontier.Append(H(1), completed);

        Assert.Equal([(0, 0L), (0, 1L), (1, 0L)], completed.Select(n => (n.Level, n.Index)));
    }

    [Fact]
    public void Every_node_of_the_tree_is_reported_exactly_once()
    {
        var frontier = new MerkleFrontier();
        var completed = new List<MerkleNode>();
        const int size = 100;

        for (var i = 0; i < size; i++)
        {
            frontier.Append(H(i), completed);
        }

        var expected = Enumerable.Range(0, 7).Sum(level => size >> level);
        Assert.Equal(expected, completed.Select(n => (n.Level, n.Index)).Distinct().Count());
        Assert.Equal(expected, completed.Count);
    }

    [Fact]
    public void Root_does_not_expose_internal_state()
    {
        var frontier = new MerkleFrontier();
        frontier.Append(H(0), []);
        var root = frontier.Root();

        root[0] ^= 0xFF;

        Assert.Equal(H(0), frontier.Root());
    }

    [Fact]
    public void Changing_the_appended_array_afterwards_does_not_change_the_tree()
    {
        var frontier = new MerkleFrontier();
        var leaf = H(0);
        frontier.Append(leaf, []);

        leaf[0] ^= 0xFF;

        Assert.Equal(H(0), frontier.Root());
    }

    [Fact]
    public void Restored_frontier_continues_exactly_like_the_original()
    {
        var tree = TestTree.WithRandomLeaves(45, seed: 7);
        var restored = MerkleFrontier.Restore(45, tree.Nodes);
        var originalCompleted = new List<MerkleNode>();
        var restoredCompleted = new List<MerkleNode>();

        for (var i = 0; i < 40; i++)
        {
            tree.Frontier.Append(H(i), originalCompleted);
            restored.Append(H(i), restoredCompleted);
        }

        Assert.Equal(tree.Frontier.Size, restored.Size);
        Assert.Equal(tree.Frontier.Root(), restored.Root());
        Assert.Equal(
            originalCompleted.Select(n => (n.Level, n.Index, Convert.ToHexString(n.Hash))),
            restoredCompleted.Select(n => (n.Level, n.Index, Convert.ToHexString(n.Hash))));
    }

    [Fact]
    public void Restoring_size_zero_reads_nothing_and_gives_the_empty_tree()
    {
        var nodes = new InMemoryNodeSource();

        var restored = MerkleFrontier.Restore(0, nodes);

        Assert.Equal(0, restored.Size);
        Assert.Equal(MerkleHash.EmptyRoot(), restored.Root());
        Assert.Equal(0, nodes.Calls);
    }

    [Fact]
    public void Restore_reads_one_node_per_perfect_subtree()
    {
        var tree = TestTree.WithRandomLeaves(0b1011_0110, seed: 3);
        tree.Nodes.ResetCalls();

        MerkleFrontier.Restore(0b1011_0110, tree.Nodes);

        Assert.Equal(5, tree.Nodes.Calls);
    }

    [Fact]
    public void Restore_rejects_a_negative_size()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => MerkleFrontier.Restore(-1, new InMemoryNodeSource()));
    }

    [Fact]
    public void Restore_rejects_a_node_source_returning_a_short_hash()
    {
        Assert.Throws<InvalidOperationException>(() => MerkleFrontier.Restore(1, new ConstantNodeSource(new byte[31])));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(31)]
    [InlineData(33)]
    public void Append_rejects_a_leaf_hash_that_is_not_32_bytes(int length)
    {
        var frontier = new MerkleFrontier();

        Assert.Throws<ArgumentException>(() => frontier.Append(new byte[length], []));
        Assert.Equal(0, frontier.Size);
    }

    [Fact]
    public void Appending_a_perfect_subtree_gives_the_frontier_and_upper_nodes_of_appending_its_leaves()
    {
        using var hasher = new MerkleHasher();
        var byLeaf = new MerkleFrontier();
        var bySubtree = new MerkleFrontier();
        var completed = new List<MerkleNode>();
        for (var i = 0; i < 12; i++)
        {
            byLeaf.Append(H(i), completed);
            bySubtree.Append(H(i), completed);
        }

        completed.Clear();
        for (var i = 12; i < 16; i++)
        {
            byLeaf.Append(H(i), completed);
        }

        var upper = new byte[MerkleFrontier.MaxCompletedPerAppend * MerkleHash.Size];
        var subtreeRoot = completed.Single(n => n.Level == 2).Hash;
        var written = bySubtree.AppendSubtree(subtreeRoot, level: 2, upper, hasher);

        var expectedUpper = completed.Where(n => n.Level > 2).ToList();
        Assert.Equal([(3, 1L), (4, 0L)], expectedUpper.Select(n => (n.Level, n.Index)));
        Assert.Equal(expectedUpper.Count, written);
        for (var i = 0; i < written; i++)
        {
            Assert.Equal(expectedUpper[i].Hash, upper.AsSpan(i * MerkleHash.Size, MerkleHash.Size).ToArray());
        }

        Assert.Equal(16, bySubtree.Size);
        Assert.Equal(byLeaf.Root(), bySubtree.Root());
        byLeaf.Append(H(16), completed);
        bySubtree.Append(H(16), completed);
        Assert.Equal(byLeaf.Root(), bySubtree.Root());
    }

    [Fact]
    public void A_perfect_subtree_cannot_be_appended_at_a_size_that_is_not_a_multiple_of_its_width()
    {
        using var hasher = new MerkleHasher();
        var frontier = new MerkleFrontier();
        frontier.Append(H(0), []);

        Assert.Throws<InvalidOperationException>(() => frontier.AppendSubtree(H(1), level: 1, new byte[MerkleFrontier.MaxCompletedPerAppend * MerkleHash.Size], hasher));
        Assert.Equal(1, frontier.Size);
    }
}
