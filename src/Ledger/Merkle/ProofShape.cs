using System.Numerics;

namespace SafetyLedger.Ledger.Merkle;

/// <summary>
/// The leaf ranges whose MTH make up RFC 9162 proofs, in proof order (bottom-up). Each range is aligned
/// (see <see cref="PerfectSubtrees"/>), so its hash is a fold of O(log n) perfect subtrees.
/// </summary>
internal static class ProofShape
{
    /// <summary>The largest power of two strictly below <paramref name="count"/> (count ≥ 2).</summary>
    public static long SplitPoint(long count) => 1L << (63 - BitOperations.LeadingZeroCount((ulong)(count - 1)));

    /// <summary>Ranges of PATH(index, D[0:size]) (§2.1.3.1) for 0 ≤ index &lt; size.</summary>
    public static List<LeafRange> Inclusion(long index, long size)
    {
        // Unroll the recursion from the root down; the RFC lists the hashes bottom-up, hence the reverse.
        var ranges = new List<LeafRange>();
        long start = 0, count = size, m = index;
        while (count > 1)
        {
            Descend(ref start, ref count, ref m, intoLeft: m < SplitPoint(count), ranges);
        }

        ranges.Reverse();
        return ranges;
    }

    /// <summary>Ranges of PROOF(size1, D[0:size2]) = SUBPROOF(size1, D[0:size2], true) (§2.1.4.1) for 0 &lt; size1 ≤ size2.</summary>
    public static List<LeafRange> Consistency(long size1, long size2)
    {
        var ranges = new List<LeafRange>();
        long start = 0, count = size2, m = size1;
        var isWholeOldTree = true;
        while (m != count)
        {
            var intoLeft = m <= SplitPoint(count);
            Descend(ref start, ref count, ref m, intoLeft, ranges);
            isWholeOldTree &= intoLeft;
        }

        // SUBPROOF(m, D[m], false) = {MTH(D[m])}; with b still true the old root is known to the verifier.
        if (!isWholeOldTree)
        {
            ranges.Add(new LeafRange(start, count));
        }

        ranges.Reverse();
        return ranges;
    }

    /// <summary>
    /// One level of the recursion over D[start:start+count] split at k: step into the left subtree D[0:k]
    /// or the right one D[k:n], recording the MTH range of the subtree not entered.
    /// </summary>
    private static void Descend(ref long start, ref long count, ref long m, bool intoLeft, List<LeafRange> ranges)
    {
        var k = SplitPoint(count);
        if (intoLeft)
        {
            ranges.Add(new LeafRange(start + k, count - k));
            count = k;
            return;
        }

        ranges.Add(new LeafRange(start, k));
        start += k;
        count -= k;
        m -= k;
    }
}
