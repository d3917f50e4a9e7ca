using SafetyLedger.Ledger.Merkle;

namespace SafetyLedger.Ledger.Tests.Merkle;

/// <summary>
/// Compares frontier roots and proofs against the naive RFC recursion for every size 1..1,100, reading each
/// earlier tree from the same node source through a guard that rejects nodes outside that tree.
/// </summary>
public sealed class MerkleReferenceComparisonTests(ReferenceTreeFixture fixture) : IClassFixture<ReferenceTreeFixture>
{
    private readonly TestTree _tree = fixture.Tree;

    public static TheoryData<int, int> InclusionSamples()
    {
        var data = new TheoryData<int, int>();
        foreach (var (index, size) in Samples(seed: 1, (random, size) => [0, size - 1, random.Next(size)]))
        {
            data.Add(index, size);
        }

        return data;
    }

    public static TheoryData<int, int> ConsistencySamples()
    {
        var data = new TheoryData<int, int>();
        foreach (var (size1, size2) in Samples(seed: 2, (random, size) => [1, size, Math.Max(1, size - 1), random.Next(1, size + 1)]))
        {
            data.Add(size1, size2);
        }

        return data;
    }

    [Fact]
    public void Frontier_and_node_source_roots_equal_the_reference_for_every_size_up_to_1100()
    {
        var proofs = _tree.Proofs;
        for (var size = 0; size <= ReferenceTreeFixture.MaxSize; size++)
        {
            var expected = ReferenceMerkle.Mth(_tree.Leaves, 0, size);
            Assert.Equal(expected, _tree.RootsBySize[size]);
            Assert.Equal(expected, proofs.Root(size));
            Assert.Equal(expected, new MerkleProofs(new TreeSizeGuard(_tree.Nodes, size)).Root(size));
        }
    }

    [Fact]
    public void Every_inclusion_proof_in_trees_up_to_64_leaves_equals_the_reference_and_verifies()
    {
        for (var size = 1; size <= 64; size++)
        {
            for (var index = 0; index < size; index++)
            {
                AssertInclusionMatchesReference(index, size);
            }
        }
    }

    [Fact]
    public void Every_consistency_proof_between_trees_up_to_64_leaves_equals_the_reference_and_verifies()
    {
        for (var size2 = 1; size2 <= 64; size2++)
        {
            for (var size1 = 1; size1 <= size2; size1++)
            {
                AssertConsistencyMatchesReference(size1, size2);
            }
        }
    }

    [Theory]
    [MemberData(nameof(InclusionSamples))]
    public void Sampled_inclusion_proof_equals_the_reference_and_verifies(int index, int size) => AssertInclusionMatchesReference(index, size);

    [Theory]
    [MemberData(nameof(ConsistencySamples))]
    public void Sampled_consistency_proof_equals_the_reference_and_verifies(int size1, int size2) => AssertConsistencyMatchesReference(size1, size2);

    [Fact]
    public void Restored_frontier_at_every_size_has_the_reference_root()
    {
        for (var size = 0; size <= ReferenceTreeFixture.MaxSize; size++)
        {
            var restored = MerkleFrontier.Restore(size, new TreeSizeGuard(_tree.Nodes, size));

            Assert.Equal(size, restored.Size);
            Assert.Equal(_tree.RootsBySize[size], restored.Root());
        }
    }

    /// <summary>Sizes across the whole range, including powers of two and their neighbours, each with the distinct values <paramref name="pick"/> gives for it.</summary>
    private static IEnumerable<(int Value, int Size)> Samples(int seed, Func<Random, int, int[]> pick)
    {
        var random = new Random(seed);
        var sizes = new SortedSet<int> { ReferenceTreeFixture.MaxSize };
        for (var power = 1; power <= 1024; power *= 2)
        {
            sizes.UnionWith([power - 1, power, power + 1]);
        }

        while (sizes.Count < 80)
        {
            sizes.Add(random.Next(65, ReferenceTreeFixture.MaxSize + 1));
        }

        foreach (var size in sizes.Where(s => s >= 1))
        {
            foreach (var value in pick(random, size).Distinct())
            {
                yield return (value, size);
            }
        }
    }

    private void AssertInclusionMatchesReference(int index, int size)
    {
        var proofs = new MerkleProofs(new TreeSizeGuard(_tree.Nodes, size));

        var proof = proofs.Inclusion(index, size);

        Assert.Equal(ReferenceMerkle.Path(index, _tree.Leaves, 0, size), proof);
        Assert.True(MerkleVerifier.VerifyInclusion(index, size, _tree.Leaves[index], proof, _tree.RootsBySize[size]));
    }

    private void AssertConsistencyMatchesReference(int size1, int size2)
    {
        var proofs = new MerkleProofs(new TreeSizeGuard(_tree.Nodes, size2));

        var proof = proofs.Consistency(size1, size2);

        Assert.Equal(ReferenceMerkle.Proof(size1, _tree.Leaves, size2), proof);
        Assert.True(MerkleVerifier.VerifyConsistency(size1, size2, _tree.RootsBySize[size1], _tree.RootsBySize[size2], proof));
    }
}
