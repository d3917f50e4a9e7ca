using SafetyLedger.Ledger.Merkle;

namespace SafetyLedger.Ledger.Tests.Merkle;

public sealed class MerkleProofsArgumentTests
{
    private static readonly MerkleProofs Proofs = TestTree.WithRandomLeaves(10, seed: 5).Proofs;

    [Theory]
    [InlineData(-1, 10)]
    [InlineData(10, 10)]
    [InlineData(11, 10)]
    [InlineData(0, 0)]
    [InlineData(0, -1)]
    public void Inclusion_outside_the_tree_throws(long index, long size)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Proofs.Inclusion(index, size));
    }

    [Theory]
    [InlineData(0, 10)]
    [InlineData(0, 0)]
    [InlineData(-1, 10)]
    [InlineData(6, 5)]
    [InlineData(1, -1)]
    public void Consistency_from_an_empty_first_tree_or_to_a_smaller_one_throws(long size1, long size2)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Proofs.Consistency(size1, size2));
    }

    [Fact]
    public void Root_of_a_negative_size_throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Proofs.Root(-1));
    }

    [Fact]
    public void Constructing_without_a_node_source_throws()
    {
        Assert.Throws<ArgumentNullException>(() => new MerkleProofs(null!));
    }

    [Fact]
    public void Node_source_returning_a_short_hash_is_reported()
    {
        var proofs = new MerkleProofs(new ConstantNodeSource(new byte[31]));

        Assert.Throws<InvalidOperationException>(() => proofs.Inclusion(0, 2));
    }
}
