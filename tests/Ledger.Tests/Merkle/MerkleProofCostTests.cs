using SafetyLedger.Ledger.Merkle;

namespace SafetyLedger.Ledger.Tests.Merkle;

/// <summary>Proofs over ~a million leaves read O(log n) nodes: at most 2·log2(n) + 4 calls to GetNode.</summary>
public sealed class MerkleProofCostTests(LargeTreeFixture fixture) : IClassFixture<LargeTreeFixture>
{
    private const long N = LargeTreeFixture.Size;

    private static readonly int Budget = (2 * (int)Math.Ceiling(Math.Log2(N))) + 4;

    public static TheoryData<long> Indexes() => [0, 1, 12_344, 12_345, (1L << 20) - 1, 1L << 20, 777_777, N - 1];

    public static TheoryData<long, long> SizePairs() => new()
    {
        { 1, N }, { 12_345, N }, { 1L << 20, N }, { (1L << 20) + 1, N }, { 654_321, N }, { N - 1, N },
        { 3, 1L << 20 }, { 654_321, 999_999 }, { 1_000, 1_000_001 },
    };

    [Theory]
    [MemberData(nameof(Indexes))]
    public void Inclusion_proof_at_a_million_leaves_reads_a_logarithmic_number_of_nodes(long index)
    {
        var proofs = CountingProofs();

        var proof = proofs.Inclusion(index, N);

        Assert.InRange(fixture.Nodes.Calls, 1, Budget);
        Assert.True(MerkleVerifier.VerifyInclusion(index, N, LargeTreeFixture.LeafHash(index), proof, fixture.Root));
    }

    [Theory]
    [InlineData(5, 999_999)]
    [InlineData(500_000, 524_288)]
    [InlineData(524_288, 524_289)]
    [InlineData(1_000_000, 1_000_001)]
    public void Inclusion_proof_for_an_earlier_tree_size_reads_a_logarithmic_number_of_nodes(long index, long size)
    {
        var proofs = CountingProofs();
        var root = proofs.Root(size);
        fixture.Nodes.ResetCalls();

        var proof = proofs.Inclusion(index, size);

        Assert.InRange(fixture.Nodes.Calls, 1, Budget);
        Assert.True(MerkleVerifier.VerifyInclusion(index, size, LargeTreeFixture.LeafHash(index), proof, root));
    }

    [Theory]
    [MemberData(nameof(SizePairs))]
    public void Consistency_proof_at_a_million_leaves_reads_a_logarithmic_number_of_nodes(long size1, long size2)
    {
        var proofs = CountingProofs();
        var root1 = proofs.Root(size1);
        var root2 = proofs.Root(size2);
        fixture.Nodes.ResetCalls();

        var proof = proofs.Consistency(size1, size2);

        Assert.InRange(fixture.Nodes.Calls, 1, Budget);
        Assert.True(MerkleVerifier.VerifyConsistency(size1, size2, root1, root2, proof));
    }

    [Fact]
    public void Root_at_a_million_leaves_reads_one_node_per_perfect_subtree()
    {
        var proofs = CountingProofs();

        Assert.Equal(fixture.Root, proofs.Root(N));
        Assert.Equal(long.PopCount(N), fixture.Nodes.Calls);
    }

    [Fact]
    public void Restored_frontier_at_a_million_leaves_has_the_same_root()
    {
        fixture.Nodes.ResetCalls();

        var restored = MerkleFrontier.Restore(N, fixture.Nodes);

        Assert.Equal(fixture.Root, restored.Root());
        Assert.Equal(long.PopCount(N), fixture.Nodes.Calls);
    }

    private MerkleProofs CountingProofs()
    {
        fixture.Nodes.ResetCalls();
        return new MerkleProofs(fixture.Nodes);
    }
}
