namespace SafetyLedger.Ledger.Anchoring;

/// <summary>
/// Result of <see cref="IAnchorChain.CheckInclusionAsync"/>: the <paramref name="Status"/> of the
/// transaction, its <paramref name="Confirmations"/> (0 when not mined) and the block that holds it now, if any.
/// </summary>
public sealed record AnchorInclusion(AnchorInclusionStatus Status, long Confirmations, long? BlockNumber, string? BlockHash)
{
    /// <summary>True when the caller should send the anchor again (<see cref="IAnchorChain.AnchorAsync"/> is idempotent).</summary>
    public bool ShouldResend => Status is AnchorInclusionStatus.Dropped or AnchorInclusionStatus.Reorganised;
}
