using SafetyLedger.Ledger.Verification;

namespace SafetyLedger.Ledger.Anchoring;

/// <summary>The outcome of an <see cref="AnchorAudit"/>: how many anchors were checked, whether against a chain, and what was wrong.</summary>
public sealed record AnchorAuditReport(int AnchorsChecked, bool CheckedOnChain, IReadOnlyList<VerificationFinding> Findings)
{
    public bool Passed => Findings.Count == 0;
}
