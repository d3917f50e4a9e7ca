namespace SafetyLedger.Ledger.Verification;

/// <summary>One thing found wrong; <paramref name="Position"/> is the first entry it concerns, when it concerns one.</summary>
public sealed record VerificationFinding(long? Position, string Message);
