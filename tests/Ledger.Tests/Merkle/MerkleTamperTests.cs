using SafetyLedger.Ledger.Merkle;

namespace SafetyLedger.Ledger.Tests.Merkle;

/// <summary>Any single-bit change, dropped or extra proof element, or wrong position must break verification.</summary>
public sealed class MerkleTamperTests(ReferenceTreeFixture fixture) : IClassFixture<ReferenceTreeFixture>
{
    private readonly TestTree _tree = fixture.Tree;

    public static TheoryData<int, int> IndexSizePairs() => new()
    {
        { 0, 1 }, { 0, 2 }, { 1, 2 }, { 2, 3 }, { 3, 7 }, { 6, 7 }, { 0, 8 }, { 7, 8 }, { 5, 13 }, { 12, 13 },
        { 31, 32 }, { 32, 33 }, { 17, 100 }, { 99, 100 }, { 500, 1024 }, { 1024, 1025 }, { 777, 1100 },
    };

    public static TheoryData<int, int> SizePairs() => new()
    {
        { 1, 1 }, { 1, 2 }, { 2, 3 }, { 3, 7 }, { 4, 7 }, { 6, 7 }, { 7, 8 }, { 1, 8 }, { 5, 13 }, { 8, 13 },
        { 31, 32 }, { 32, 33 }, { 63, 100 }, { 64, 100 }, { 99, 100 }, { 511, 1024 }, { 1024, 1025 }, { 777, 1100 },
    };

    [Theory]
    [MemberData(nameof(IndexSizePairs))]
    public void Inclusion_proof_with_a_flipped_bit_does_not_verify(int index, int size) => AssertFlippedProofBitsFail(Inclusion(index, size));

    [Theory]
    [MemberData(nameof(IndexSizePairs))]
    public void Inclusion_with_a_flipped_bit_in_the_leaf_hash_or_root_does_not_verify(int index, int size) => AssertFlippedInputBitsFail(Inclusion(index, size));

    [Theory]
    [MemberData(nameof(IndexSizePairs))]
    public void Inclusion_proof_with_an_element_removed_or_added_does_not_verify(int index, int size) => AssertResizedProofsFail(Inclusion(index, size));

    [Theory]
    [MemberData(nameof(IndexSizePairs))]
    public void Inclusion_proof_for_another_index_does_not_verify(int index, int size)
    {
        var proof = _tree.Proofs.Inclusion(index, size);

        for (var other = Math.Max(0, index - 3); other < Math.Min(size, index + 4); other++)
        {
            Assert.Equal(other == index, MerkleVerifier.VerifyInclusion(other, size, _tree.Leaves[index], proof, _tree.RootsBySize[size]));
        }
    }

    [Theory]
    [MemberData(nameof(SizePairs))]
    public void Consistency_proof_with_a_flipped_bit_does_not_verify(int size1, int size2) => AssertFlippedProofBitsFail(Consistency(size1, size2));

    [Theory]
    [MemberData(nameof(SizePairs))]
    public void Consistency_with_a_flipped_bit_in_either_root_does_not_verify(int size1, int size2) => AssertFlippedInputBitsFail(Consistency(size1, size2));

    [Theory]
    [MemberData(nameof(SizePairs))]
    public void Consistency_proof_with_an_element_removed_or_added_does_not_verify(int size1, int size2) => AssertResizedProofsFail(Consistency(size1, size2));

    [Theory]
    [MemberData(nameof(SizePairs))]
    public void Consistency_proof_for_other_sizes_does_not_verify(int size1, int size2)
    {
        var proof = _tree.Proofs.Consistency(size1, size2);

        for (var other = Math.Max(1, size1 - 2); other <= Math.Min(size2, size1 + 2); other++)
        {
            Assert.Equal(other == size1, MerkleVerifier.VerifyConsistency(other, size2, _tree.RootsBySize[size1], _tree.RootsBySize[size2], proof));
        }
    }

    private static void AssertFlippedProofBitsFail(ProofCase proofCase)
    {
        Assert.True(proofCase.Verifies(proofCase.Proof, proofCase.Inputs));
        for (var element = 0; element < proofCase.Proof.Count; element++)
        {
            foreach (var tampered in BitFlips(proofCase.Proof[element]))
            {
                var tamperedProof = proofCase.Proof.ToArray();
                tamperedProof[element] = tampered;
                Assert.False(proofCase.Verifies(tamperedProof, proofCase.Inputs));
            }
        }
    }

    private static void AssertFlippedInputBitsFail(ProofCase proofCase)
    {
        for (var input = 0; input < proofCase.Inputs.Length; input++)
        {
            foreach (var tampered in BitFlips(proofCase.Inputs[input]))
            {
                var tamperedInputs = proofCase.Inputs.ToArray();
                tamperedInputs[input] = tampered;
                Assert.False(proofCase.Verifies(proofCase.Proof, tamperedInputs));
            }
        }
    }

    private static void AssertResizedProofsFail(ProofCase proofCase)
    {
        var proof = proofCase.Proof;
        Assert.True(proofCase.Verifies(proof, proofCase.Inputs));
        Assert.All(Shortened(proof), shorter => Assert.False(proofCase.Verifies(shorter, proofCase.Inputs)));
        Assert.All(Lengthened(proof, proofCase.Inputs[0]), longer => Assert.False(proofCase.Verifies(longer, proofCase.Inputs)));
    }

    private static IEnumerable<byte[]> BitFlips(byte[] hash)
    {
        for (var bit = 0; bit < hash.Length * 8; bit++)
        {
            var copy = hash.ToArray();
            copy[bit / 8] ^= (byte)(1 << (bit % 8));
            yield return copy;
        }
    }

    private static IEnumerable<byte[][]> Shortened(IReadOnlyList<byte[]> proof) =>
        Enumerable.Range(0, proof.Count).Select(skip => proof.Where((_, i) => i != skip).ToArray());

    private static IEnumerable<byte[][]> Lengthened(IReadOnlyList<byte[]> proof, byte[] extra)
    {
        yield return [.. proof, extra];
        yield return [extra, .. proof];
        yield return [.. proof, new byte[MerkleHash.Size]];
        if (proof.Count > 0)
        {
            yield return [.. proof, proof[^1]];
            yield return [proof[0], .. proof];
        }
    }

    private ProofCase Inclusion(int index, int size) => new(
        _tree.Proofs.Inclusion(index, size),
        [_tree.Leaves[index], _tree.RootsBySize[size]],
        (proof, inputs) => MerkleVerifier.VerifyInclusion(index, size, inputs[0], proof, inputs[1]));

    private ProofCase Consistency(int size1, int size2) => new(
        _tree.Proofs.Consistency(size1, size2),
        [_tree.RootsBySize[size1], _tree.RootsBySize[size2]],
        (proof, inputs) => MerkleVerifier.VerifyConsistency(size1, size2, inputs[0], inputs[1], proof));

    /// <summary>A proof, the hashes it is checked against (leaf and root, or both roots), and how to check it.</summary>
    private sealed record ProofCase(IReadOnlyList<byte[]> Proof, byte[][] Inputs, Func<IReadOnlyList<byte[]>, byte[][], bool> Verifies);
}
