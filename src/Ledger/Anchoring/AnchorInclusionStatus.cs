namespace SafetyLedger.Ledger.Anchoring;

/// <summary>Where an anchor transaction stands on the chain now.</summary>
public enum AnchorInclusionStatus
{
    /// <summary>In the recorded block, which is canonical, with at least the configured confirmations.</summary>
    Confirmed = 0,

    /// <summary>In the recorded block, which is canonical, but with fewer confirmations than configured.</summary>
    AwaitingConfirmations,

    /// <summary>Known to the node but not mined: wait.</summary>
    Pending,

    /// <summary>Neither mined nor known to the node: the transaction was dropped; send the anchor again.</summary>
    Dropped,

    /// <summary>Mined, but not in the recorded block (its number or hash changed): a reorganisation; take the new record from <see cref="IAnchorChain.AnchorAsync"/>.</summary>
    Reorganised,
}
