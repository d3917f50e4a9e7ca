using System.Security.Cryptography;

namespace SafetyLedger.Ledger.Tests.Merkle;

/// <summary>
/// Naive RFC 9162 §2.1 definitions (MTH, PATH, PROOF/SUBPROOF) over a list of leaf hashes, written straight
/// from the recursive text and independent of the production code, including its hashing helpers.
/// </summary>
internal static class ReferenceMerkle
{
    /// <summary>MTH(D[start:end]).</summary>
    public static byte[] Mth(IReadOnlyList<byte[]> leaves, int start, int end)
    {
        var n = end - start;
        if (n == 0)
        {
            return SHA256.HashData([]);
        }

        if (n == 1)
        {
            return leaves[start];
        }

        var k = LargestPowerOfTwoBelow(n);
        return NodeHash(Mth(leaves, start, start + k), Mth(leaves, start + k, end));
    }

    /// <summary>PATH(m, D[start:end]).</summary>
    public static List<byte[]> Path(int m, IReadOnlyList<byte[]> leaves, int start, int end)
    {
        var n = end - start;
        if (n == 1)
        {
            return [];
        }

        var k = LargestPowerOfTwoBelow(n);
        if (m < k)
        {
            return [.. Path(m, leaves, start, start + k), Mth(leaves, start + k, end)];
        }

        return [.. Path(m - k, leaves, start + k, end), Mth(leaves, start, start + k)];
    }

    /// <summary>PROOF(m, D[0:n]) = SUBPROOF(m, D[0:n], true).</summary>
    public static List<byte[]> Proof(int m, IReadOnlyList<byte[]> leaves, int n) => SubProof(m, leaves, 0, n, b: true);

    private static List<byte[]> SubProof(int m, IReadOnlyList<byte[]> leaves, int start, int end, bool b)
    {
        var n = end - start;
        if (m == n)
        {
            return b ? [] : [Mth(leaves, start, end)];
        }

        var k = LargestPowerOfTwoBelow(n);
        if (m <= k)
        {
            return [.. SubProof(m, leaves, start, start + k, b), Mth(leaves, start + k, end)];
        }

        return [.. SubProof(m - k, leaves, start + k, end, b: false), Mth(leaves, start, start + k)];
    }

    private static int LargestPowerOfTwoBelow(int n)
    {
        var k = 1;
        while (k * 2 < n)
        {
            k *= 2;
        }

        return k;
    }

    private static byte[] NodeHash(byte[] left, byte[] right) => SHA256.HashData([0x01, .. left, .. right]);
}
