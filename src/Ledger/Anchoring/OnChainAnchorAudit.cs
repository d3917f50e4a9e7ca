using System.Security.Cryptography;
using SafetyLedger.Ledger.Merkle;
using SafetyLedger.Ledger.Verification;

namespace SafetyLedger.Ledger.Anchoring;

/// <summary>
/// Holds what the chain says we anchored against the store's own tree, whatever the store recorded: every
/// <c>Anchored</c> event of the trusted contract must be of a tree size the store has, with the store's root at
/// that size. An anchor beyond the store means entries were removed (a rollback) or this is not the anchored store.
/// </summary>
public static class OnChainAnchorAudit
{
    /// <summary>One finding per on-chain anchor the store contradicts; empty when the store holds them all.</summary>
    public static IReadOnlyList<VerificationFinding> Check(OnChainAnchorHistory history, IMerkleLog log)
    {
        ArgumentNullException.ThrowIfNull(log);
        return Check(history, log.Size, log.Root);
    }

    /// <summary>The same for a store of <paramref name="size"/> entries whose root at a size <paramref name="rootAt"/> gives.</summary>
    public static IReadOnlyList<VerificationFinding> Check(OnChainAnchorHistory history, long size, Func<long, byte[]> rootAt)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(rootAt);
        var findings = new List<VerificationFinding>();
        foreach (var anchor in history.Anchors)
        {
            var where = $"On-chain anchor in block {anchor.BlockNumber}, tx {anchor.TxHash} (contract {history.Contract})";
            if (anchor.TreeSize > size)
            {
                findings.Add(new VerificationFinding(
                    null,
                    $"{where}: tree size {anchor.TreeSize} (root {Convert.ToBase64String(anchor.Root)}) is beyond the store's {size} entries: entries were removed, or this is not the anchored store."));
                continue;
            }

            var ours = rootAt(anchor.TreeSize);
            if (!CryptographicOperations.FixedTimeEquals(ours, anchor.Root))
            {
                findings.Add(new VerificationFinding(
                    null,
                    $"{where}: the anchored root {Convert.ToBase64String(anchor.Root)} differs from our tree's root {Convert.ToBase64String(ours)} at tree size {anchor.TreeSize}."));
            }
        }

        return findings;
    }
}
