using System.Security.Cryptography;

namespace SafetyLedger.Ledger.Merkle;

/// <summary>
/// RFC 9162 proof verification. Returns false, never throws, for malformed input: wrong hash lengths,
/// out-of-range indexes or sizes, or proofs of the wrong length.
/// </summary>
public static class MerkleVerifier
{
    /// <summary>RFC 9162 §2.1.3.2: does <paramref name="proof"/> show leaf <paramref name="index"/> in the tree of <paramref name="size"/> with <paramref name="root"/>?</summary>
    public static bool VerifyInclusion(long index, long size, ReadOnlySpan<byte> leafHash, IReadOnlyList<byte[]> proof, ReadOnlySpan<byte> root)
    {
        Span<byte> computed = stackalloc byte[MerkleHash.Size];
        return root.Length == MerkleHash.Size
            && ProofReplay.TryInclusionRoot(index, size, leafHash, proof, computed)
            && CryptographicOperations.FixedTimeEquals(computed, root);
    }

    /// <summary>RFC 9162 §2.1.4.2: is the tree of <paramref name="size2"/> with <paramref name="root2"/> an extension of the one of <paramref name="size1"/> with <paramref name="root1"/>?</summary>
    public static bool VerifyConsistency(long size1, long size2, ReadOnlySpan<byte> root1, ReadOnlySpan<byte> root2, IReadOnlyList<byte[]> proof)
    {
        Span<byte> first = stackalloc byte[MerkleHash.Size];
        Span<byte> second = stackalloc byte[MerkleHash.Size];
        if (root1.Length != MerkleHash.Size || root2.Length != MerkleHash.Size
            || !ProofReplay.TryConsistencyRoots(size1, size2, root1, proof, first, second))
        {
            return false;
        }

        // Evaluate both comparisons so timing does not reveal which root differs.
        var firstMatches = CryptographicOperations.FixedTimeEquals(first, root1);
        var secondMatches = CryptographicOperations.FixedTimeEquals(second, root2);
        return firstMatches & secondMatches;
    }
}
