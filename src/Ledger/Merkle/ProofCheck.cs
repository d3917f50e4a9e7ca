namespace SafetyLedger.Ledger.Merkle;

/// <summary>Outcome of checking a proof document; <see cref="Reason"/> says precisely why it is not valid.</summary>
public sealed record ProofCheck(bool Valid, string Reason)
{
    internal static ProofCheck Invalid(string reason) => new(false, reason);
}
