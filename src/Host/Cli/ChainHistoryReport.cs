using SafetyLedger.Ledger.Verification;

namespace SafetyLedger.Host.Cli;

/// <summary>What <see cref="ChainHistoryCheck"/> found: how many on-chain anchors it held against the store, and what contradicts it.</summary>
internal sealed record ChainHistoryReport(int AnchorsOnChain, IReadOnlyList<VerificationFinding> Findings)
{
    public bool Passed => Findings.Count == 0;
}
