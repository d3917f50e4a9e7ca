namespace SafetyLedger.Ledger.Merkle;

/// <summary>The JSON type a proof document field must have.</summary>
internal enum ProofFieldKind
{
    Integer,
    String,
    StringArray,
}
