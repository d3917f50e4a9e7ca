namespace SafetyLedger.Ledger.Merkle;

/// <summary>Whether a proof verified, and if not, why.</summary>
public sealed record ProofCheck(bool Valid, string Reason);
