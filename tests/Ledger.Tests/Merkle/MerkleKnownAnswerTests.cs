using SafetyLedger.Ledger.Merkle;

namespace SafetyLedger.Ledger.Tests.Merkle;

/// <summary>Answers worked out by hand from the RFC 9162 §2.1 definitions, plus the published RFC 6962 interop roots.</summary>
public sealed class MerkleKnownAnswerTests
{
    // Certificate Transparency's reference inputs and the roots every RFC 6962/9162 implementation agrees on.
    private static readonly byte[][] InteropEntries =
    [
        [], [0x00], [0x10], [0x20, 0x21], [0x30, 0x31], [0x40, 0x41, 0x42, 0x43],
        [0x50, 0x51, 0x52, 0x53, 0x54, 0x55, 0x56, 0x57],
        [0x60, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6a, 0x6b, 0x6c, 0x6d, 0x6e, 0x6f],
    ];

    private static readonly string[] InteropRoots =
    [
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    ];

    private static byte[] H(int i) => MerkleHash.Leaf([(byte)i]);

    private static byte[] N(byte[] left, byte[] right) => MerkleHash.Node(left, right);

    private static TestTree SevenLeaves() => TestTree.FromEntries([.. Enumerable.Range(0, 7).Select(i => new[] { (byte)i })]);

    [Fact]
    public void Root_of_the_empty_tree_is_the_empty_root()
    {
        var tree = new TestTree();

        Assert.Equal(MerkleHash.EmptyRoot(), tree.Frontier.Root());
        Assert.Equal(MerkleHash.EmptyRoot(), tree.Proofs.Root(0));
    }

    [Fact]
    public void Root_of_a_one_leaf_tree_is_the_leaf_hash()
    {
        var tree = TestTree.FromEntries([0]);

        Assert.Equal(H(0), tree.Frontier.Root());
        Assert.Equal(H(0), tree.Proofs.Root(1));
    }

    [Fact]
    public void Root_of_a_two_leaf_tree_is_the_node_of_both_leaves()
    {
        var tree = TestTree.FromEntries([0], [1]);

        Assert.Equal(N(H(0), H(1)), tree.Frontier.Root());
        Assert.Equal(N(H(0), H(1)), tree.Proofs.Root(2));
    }

    [Fact]
    public void Root_of_a_three_leaf_tree_puts_the_perfect_pair_on_the_left()
    {
        var tree = TestTree.FromEntries([0], [1], [2]);
        var expected = N(N(H(0), H(1)), H(2));

        Assert.Equal(expected, tree.Frontier.Root());
        Assert.Equal(expected, tree.Proofs.Root(3));
    }

    [Fact]
    public void Roots_match_the_published_rfc6962_interop_roots()
    {
        var tree = TestTree.FromEntries(InteropEntries);

        for (var size = 0; size <= InteropEntries.Length; size++)
        {
            Assert.Equal(InteropRoots[size], Convert.ToHexStringLower(tree.RootsBySize[size]));
            Assert.Equal(InteropRoots[size], Convert.ToHexStringLower(tree.Proofs.Root(size)));
        }
    }

    [Fact]
    public void Inclusion_path_of_leaf_3_in_a_7_leaf_tree_matches_the_rfc_recursion()
    {
        // PATH(3, D[0:7]) = PATH(3, D[0:4]) : MTH(D[4:7])
        //                 = PATH(1, D[2:4]) : MTH(D[0:2]) : MTH(D[4:7])
        //                 = PATH(0, D[3:4]) : MTH(D[2:3]) : MTH(D[0:2]) : MTH(D[4:7])
        //                 = { h2, N(h0,h1), N(N(h4,h5),h6) }
        var tree = SevenLeaves();
        byte[][] expected = [H(2), N(H(0), H(1)), N(N(H(4), H(5)), H(6))];

        var proof = tree.Proofs.Inclusion(3, 7);

        Assert.Equal(expected, proof);
        Assert.True(MerkleVerifier.VerifyInclusion(3, 7, H(3), proof, tree.RootsBySize[7]));
    }

    [Fact]
    public void Consistency_proof_from_3_to_7_matches_the_rfc_recursion()
    {
        // SUBPROOF(3, D[0:7], true) = SUBPROOF(3, D[0:4], true) : MTH(D[4:7])
        //   = SUBPROOF(1, D[2:4], false) : MTH(D[0:2]) : MTH(D[4:7])
        //   = SUBPROOF(1, D[2:3], false) : MTH(D[3:4]) : MTH(D[0:2]) : MTH(D[4:7])
        //   = { h2, h3, N(h0,h1), N(N(h4,h5),h6) }
        var tree = SevenLeaves();
        byte[][] expected = [H(2), H(3), N(H(0), H(1)), N(N(H(4), H(5)), H(6))];

        var proof = tree.Proofs.Consistency(3, 7);

        Assert.Equal(expected, proof);
        Assert.True(MerkleVerifier.VerifyConsistency(3, 7, tree.RootsBySize[3], tree.RootsBySize[7], proof));
    }

    [Fact]
    public void Consistency_proof_from_4_to_7_is_the_right_subtree_alone()
    {
        // SUBPROOF(4, D[0:7], true) = SUBPROOF(4, D[0:4], true) : MTH(D[4:7]) = { N(N(h4,h5),h6) }
        var tree = SevenLeaves();
        byte[][] expected = [N(N(H(4), H(5)), H(6))];

        var proof = tree.Proofs.Consistency(4, 7);

        Assert.Equal(expected, proof);
        Assert.True(MerkleVerifier.VerifyConsistency(4, 7, tree.RootsBySize[4], tree.RootsBySize[7], proof));
    }

    [Fact]
    public void Consistency_proof_from_6_to_7_matches_the_rfc_recursion()
    {
        // SUBPROOF(6, D[0:7], true) = SUBPROOF(2, D[4:7], false) : MTH(D[0:4])
        //   = SUBPROOF(2, D[4:6], false) : MTH(D[6:7]) : MTH(D[0:4])
        //   = { N(h4,h5), h6, N(N(h0,h1),N(h2,h3)) }
        var tree = SevenLeaves();
        byte[][] expected = [N(H(4), H(5)), H(6), N(N(H(0), H(1)), N(H(2), H(3)))];

        var proof = tree.Proofs.Consistency(6, 7);

        Assert.Equal(expected, proof);
        Assert.True(MerkleVerifier.VerifyConsistency(6, 7, tree.RootsBySize[6], tree.RootsBySize[7], proof));
    }

    [Fact]
    public void Consistency_proof_between_equal_sizes_is_empty()
    {
        var tree = SevenLeaves();

        Assert.Empty(tree.Proofs.Consistency(7, 7));
        Assert.Empty(tree.Proofs.Consistency(5, 5));
    }
}
