using SafetyLedger.Ledger.Merkle;

namespace SafetyLedger.Ledger.Tests.Merkle;

/// <summary>The verifier's policy for malformed input: always false, never an exception.</summary>
public sealed class MerkleVerifierEdgeTests
{
    private static readonly TestTree Tree = TestTree.FromEntries([.. Enumerable.Range(0, 8).Select(i => new[] { (byte)i })]);

    [Fact]
    public void Unmodified_proofs_used_by_these_cases_verify()
    {
        Assert.True(MerkleVerifier.VerifyInclusion(3, 7, Tree.Leaves[3], Tree.Proofs.Inclusion(3, 7), Tree.RootsBySize[7]));
        Assert.True(MerkleVerifier.VerifyConsistency(3, 7, Tree.RootsBySize[3], Tree.RootsBySize[7], Tree.Proofs.Consistency(3, 7)));
    }

    [Theory]
    [InlineData(31, 32, 32)]
    [InlineData(33, 32, 32)]
    [InlineData(0, 32, 32)]
    [InlineData(32, 31, 32)]
    [InlineData(32, 33, 32)]
    [InlineData(32, 32, 31)]
    [InlineData(32, 32, 33)]
    [InlineData(32, 32, 0)]
    public void Inclusion_with_a_leaf_root_or_proof_element_not_32_bytes_does_not_verify(int leafLength, int rootLength, int firstElementLength)
    {
        var proof = Tree.Proofs.Inclusion(3, 7).ToArray();
        proof[0] = Resized(proof[0], firstElementLength);

        Assert.False(MerkleVerifier.VerifyInclusion(3, 7, Resized(Tree.Leaves[3], leafLength), proof, Resized(Tree.RootsBySize[7], rootLength)));
    }

    [Fact]
    public void Inclusion_with_a_null_proof_element_does_not_verify()
    {
        var proof = Tree.Proofs.Inclusion(3, 7).ToArray();
        proof[1] = null!;

        Assert.False(MerkleVerifier.VerifyInclusion(3, 7, Tree.Leaves[3], proof, Tree.RootsBySize[7]));
    }

    [Fact]
    public void Inclusion_with_a_null_proof_does_not_verify()
    {
        Assert.False(MerkleVerifier.VerifyInclusion(0, 1, Tree.Leaves[0], null!, Tree.Leaves[0]));
    }

    [Theory]
    [InlineData(-1, 7)]
    [InlineData(7, 7)]
    [InlineData(8, 7)]
    [InlineData(0, 0)]
    [InlineData(0, -1)]
    [InlineData(long.MinValue, 7)]
    [InlineData(long.MaxValue, 7)]
    [InlineData(3, long.MinValue)]
    public void Inclusion_with_an_index_outside_the_tree_does_not_verify(long index, long size)
    {
        Assert.False(MerkleVerifier.VerifyInclusion(index, size, Tree.Leaves[3], Tree.Proofs.Inclusion(3, 7), Tree.RootsBySize[7]));
    }

    [Fact]
    public void Inclusion_in_a_one_leaf_tree_needs_an_empty_proof()
    {
        Assert.True(MerkleVerifier.VerifyInclusion(0, 1, Tree.Leaves[0], [], Tree.Leaves[0]));
        Assert.False(MerkleVerifier.VerifyInclusion(0, 1, Tree.Leaves[0], [Tree.Leaves[1]], Tree.Leaves[0]));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    public void Inclusion_with_the_wrong_proof_length_does_not_verify(int length)
    {
        var proof = Tree.Proofs.Inclusion(3, 7);
        var resized = Enumerable.Range(0, length).Select(i => i < proof.Count ? proof[i] : Tree.Leaves[i]).ToArray();

        Assert.False(MerkleVerifier.VerifyInclusion(3, 7, Tree.Leaves[3], resized, Tree.RootsBySize[7]));
    }

    [Theory]
    [InlineData(0, 7)]
    [InlineData(0, 0)]
    [InlineData(-1, 7)]
    [InlineData(long.MinValue, 7)]
    public void Consistency_from_an_empty_or_negative_first_size_does_not_verify(long size1, long size2)
    {
        Assert.False(MerkleVerifier.VerifyConsistency(size1, size2, MerkleHash.EmptyRoot(), Tree.RootsBySize[7], []));
        Assert.False(MerkleVerifier.VerifyConsistency(size1, size2, MerkleHash.EmptyRoot(), Tree.RootsBySize[7], Tree.Proofs.Consistency(3, 7)));
    }

    [Theory]
    [InlineData(8, 7)]
    [InlineData(7, 3)]
    [InlineData(3, -7)]
    [InlineData(long.MaxValue, 7)]
    public void Consistency_with_the_first_size_above_the_second_does_not_verify(long size1, long size2)
    {
        Assert.False(MerkleVerifier.VerifyConsistency(size1, size2, Tree.RootsBySize[3], Tree.RootsBySize[7], Tree.Proofs.Consistency(3, 7)));
        Assert.False(MerkleVerifier.VerifyConsistency(size1, size2, Tree.RootsBySize[7], Tree.RootsBySize[3], []));
    }

    [Theory]
    [InlineData(true, true, true)]
    [InlineData(true, false, false)]
    [InlineData(false, true, false)]
    [InlineData(false, false, false)]
    public void Consistency_between_equal_sizes_needs_an_empty_proof_and_equal_roots(bool emptyProof, bool equalRoots, bool expected)
    {
        var root2 = equalRoots ? Tree.RootsBySize[5].ToArray() : Tree.RootsBySize[4];
        byte[][] proof = emptyProof ? [] : [Tree.Leaves[0]];

        Assert.Equal(expected, MerkleVerifier.VerifyConsistency(5, 5, Tree.RootsBySize[5], root2, proof));
    }

    [Theory]
    [InlineData(31, 32, 32)]
    [InlineData(33, 32, 32)]
    [InlineData(32, 31, 32)]
    [InlineData(32, 33, 32)]
    [InlineData(32, 32, 31)]
    [InlineData(32, 32, 33)]
    [InlineData(32, 32, 0)]
    public void Consistency_with_a_root_or_proof_element_not_32_bytes_does_not_verify(int root1Length, int root2Length, int firstElementLength)
    {
        var proof = Tree.Proofs.Consistency(3, 7).ToArray();
        proof[0] = Resized(proof[0], firstElementLength);

        Assert.False(MerkleVerifier.VerifyConsistency(3, 7, Resized(Tree.RootsBySize[3], root1Length), Resized(Tree.RootsBySize[7], root2Length), proof));
    }

    [Theory]
    [InlineData(31, 31)]
    [InlineData(33, 33)]
    public void Consistency_between_equal_sizes_with_equal_roots_of_the_wrong_length_does_not_verify(int root1Length, int root2Length)
    {
        Assert.False(MerkleVerifier.VerifyConsistency(5, 5, new byte[root1Length], new byte[root2Length], []));
    }

    [Fact]
    public void Consistency_with_a_null_proof_or_element_does_not_verify()
    {
        var proof = Tree.Proofs.Consistency(3, 7).ToArray();
        proof[2] = null!;

        Assert.False(MerkleVerifier.VerifyConsistency(3, 7, Tree.RootsBySize[3], Tree.RootsBySize[7], proof));
        Assert.False(MerkleVerifier.VerifyConsistency(3, 7, Tree.RootsBySize[3], Tree.RootsBySize[7], null!));
    }

    [Theory]
    [InlineData(3, 7, 0)]
    [InlineData(3, 7, 3)]
    [InlineData(3, 7, 5)]
    [InlineData(4, 7, 0)]
    [InlineData(4, 7, 2)]
    [InlineData(4, 8, 0)]
    public void Consistency_with_the_wrong_proof_length_does_not_verify(int size1, int size2, int length)
    {
        var proof = Tree.Proofs.Consistency(size1, size2);
        var resized = Enumerable.Range(0, length).Select(i => i < proof.Count ? proof[i] : Tree.Leaves[i]).ToArray();

        Assert.False(MerkleVerifier.VerifyConsistency(size1, size2, Tree.RootsBySize[size1], Tree.RootsBySize[size2], resized));
    }

    private static byte[] Resized(byte[] hash, int length)
    {
        var copy = hash.ToArray();
        Array.Resize(ref copy, length);
        return copy;
    }
}
