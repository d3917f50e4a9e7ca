namespace SafetyLedger.Ledger.Verification;

/// <summary>How far a verification has come.</summary>
public readonly record struct VerificationProgress(long Done, long Total);
