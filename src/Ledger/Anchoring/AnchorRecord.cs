namespace SafetyLedger.Ledger.Anchoring;

/// <summary>
/// Proof material for one anchored checkpoint: the transaction that stored <paramref name="Root"/>
/// (of a tree of <paramref name="TreeSize"/> leaves) in the AnchorRegistry <paramref name="Contract"/>
/// on chain <paramref name="ChainId"/>, and the block that includes it. Check it with
/// <see cref="IAnchorChain.VerifyAsync"/>.
/// </summary>
/// <param name="ChainId">EIP-155 chain id.</param>
/// <param name="Contract">AnchorRegistry address, 0x-prefixed, EIP-55 checksummed.</param>
/// <param name="TxHash">0x-prefixed lowercase transaction hash.</param>
/// <param name="BlockNumber">The block that includes the transaction.</param>
/// <param name="BlockTime">That block's timestamp (also the time the contract stored).</param>
/// <param name="Root">The 32-byte Merkle root.</param>
/// <param name="TreeSize">Number of leaves of the tree the root covers.</param>
public sealed record AnchorRecord(long ChainId, string Contract, string TxHash, long BlockNumber, DateTimeOffset BlockTime, byte[] Root, long TreeSize)
{
    /// <summary>Hash of the including block when known (0x-prefixed): lets a reorganisation be told apart from a re-inclusion.</summary>
    public string? BlockHash { get; init; }
}
