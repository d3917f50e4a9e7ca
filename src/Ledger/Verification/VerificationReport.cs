namespace SafetyLedger.Ledger.Verification;

/// <summary>The outcome of a full integrity check.</summary>
public sealed record VerificationReport(long EntriesChecked, int CheckpointsChecked, IReadOnlyList<VerificationFinding> Findings)
{
    public bool Passed => Findings.Count == 0;

    /// <summary>The lowest entry position any finding names, if any names one.</summary>
    public long? FirstBadPosition => Findings.Where(f => f.Position is not null).Min(f => f.Position);
}
