using System.Diagnostics.CodeAnalysis;

namespace SafetyLedger.Ledger.Merkle;

/// <summary>
/// Recomputes roots from proofs with the RFC 9162 verification algorithms. Returns false when the input
/// cannot be a proof (bad sizes, hash lengths or proof length) rather than throwing.
/// </summary>
internal static class ProofReplay
{
    /// <summary>§2.1.3.2 steps 1–5 without the final root comparison: writes the computed root.</summary>
    public static bool TryInclusionRoot(long index, long size, ReadOnlySpan<byte> leafHash, IReadOnlyList<byte[]>? proof, Span<byte> root)
    {
        if (index < 0 || index >= size || leafHash.Length != MerkleHash.Size || !AllHashes(proof))
        {
            return false;
        }

        leafHash.CopyTo(root);
        return Climb(index, size - 1, proof, 0, root, []);
    }

    /// <summary>
    /// §2.1.4.2 without the final comparisons: writes the computed old and new roots. Equal sizes are accepted
    /// only with an empty proof, and then both computed roots are <paramref name="root1"/>.
    /// </summary>
    public static bool TryConsistencyRoots(long size1, long size2, ReadOnlySpan<byte> root1, IReadOnlyList<byte[]>? proof, Span<byte> first, Span<byte> second)
    {
        if (size1 <= 0 || size1 > size2 || root1.Length != MerkleHash.Size || !AllHashes(proof))
        {
            return false;
        }

        if (size1 == size2)
        {
            root1.CopyTo(first);
            root1.CopyTo(second);
            return proof.Count == 0;
        }

        if (proof.Count == 0)
        {
            return false;
        }

        // Step 2: when size1 is a power of two the old root is itself the first proof element.
        var skip = 1;
        ReadOnlySpan<byte> seed = proof[0];
        if ((size1 & (size1 - 1)) == 0)
        {
            seed = root1;
            skip = 0;
        }

        long fn = size1 - 1, sn = size2 - 1;
        while ((fn & 1) == 1)
        {
            fn >>= 1;
            sn >>= 1;
        }

        seed.CopyTo(first);
        seed.CopyTo(second);
        return Climb(fn, sn, proof, skip, second, first);
    }

    /// <summary>
    /// The loop shared by both algorithms: folds proof[from..] into <paramref name="root"/> (r, or sr) and, when
    /// <paramref name="leftRoot"/> is not empty, into it as well on left-sibling steps (fr). True when the proof
    /// ends exactly at the root (sn = 0).
    /// </summary>
    private static bool Climb(long fn, long sn, IReadOnlyList<byte[]> proof, int from, Span<byte> root, Span<byte> leftRoot)
    {
        for (var i = from; i < proof.Count; i++)
        {
            if (sn == 0)
            {
                return false;
            }

            var sibling = proof[i];
            if ((fn & 1) == 1 || fn == sn)
            {
                if (!leftRoot.IsEmpty)
                {
                    MerkleHash.Node(sibling, leftRoot, leftRoot);
                }

                MerkleHash.Node(sibling, root, root);
                (fn, sn) = ShiftWhileEven(fn, sn);
            }
            else
            {
                MerkleHash.Node(root, sibling, root);
            }

            fn >>= 1;
            sn >>= 1;
        }

        return sn == 0;
    }

    /// <summary>Right-shifts both until fn is odd or zero (the "if LSB(fn) is not set" sub-step).</summary>
    private static (long Fn, long Sn) ShiftWhileEven(long fn, long sn)
    {
        while ((fn & 1) == 0 && fn != 0)
        {
            fn >>= 1;
            sn >>= 1;
        }

        return (fn, sn);
    }

    private static bool AllHashes([NotNullWhen(true)] IReadOnlyList<byte[]>? proof)
    {
        if (proof is null)
        {
            return false;
        }

        foreach (var element in proof)
        {
            if (element is null || element.Length != MerkleHash.Size)
            {
                return false;
            }
        }

        return true;
    }
}
