namespace SafetyLedger.Ledger.Anchoring;

/// <summary>Anchors Merkle roots in the AnchorRegistry contract of an EVM chain and checks anchors against it.</summary>
public interface IAnchorChain
{
    /// <summary>Deploys AnchorRegistry (the bytecode embedded from contracts/AnchorRegistry.bin) with the configured key as owner; returns its checksummed address.</summary>
    Task<string> DeployAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Anchors <paramref name="root"/> for a tree of <paramref name="treeSize"/> leaves and waits for the configured confirmations.
    /// Idempotent: when the root is already anchored with that size, returns the existing record without sending.
    /// Throws <see cref="AnchorRevertedException"/> when the contract rejects it and <see cref="AnchorException"/> on other failures.
    /// </summary>
    Task<AnchorRecord> AnchorAsync(byte[] root, long treeSize, CancellationToken cancellationToken);

    /// <summary>Reads the contract's entry for <paramref name="root"/>; null when it was never anchored.</summary>
    Task<AnchorLookup?> LookupAsync(byte[] root, CancellationToken cancellationToken);

    /// <summary>Checks <paramref name="record"/> against the chain; the result names the first point that differs.</summary>
    Task<AnchorVerification> VerifyAsync(AnchorRecord record, CancellationToken cancellationToken);

    /// <summary>
    /// Every <c>Anchored</c> event the contract emitted, from its deployment block to the latest block, oldest first:
    /// what the chain says we anchored, whatever our store recorded.
    /// </summary>
    Task<OnChainAnchorHistory> ListAnchorsAsync(CancellationToken cancellationToken);

    /// <summary>Tells whether the transaction of <paramref name="record"/> is still in its block, was dropped or moved by a reorganisation.</summary>
    Task<AnchorInclusion> CheckInclusionAsync(AnchorRecord record, CancellationToken cancellationToken);
}
