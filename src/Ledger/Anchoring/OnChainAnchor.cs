namespace SafetyLedger.Ledger.Anchoring;

/// <summary>
/// One <c>Anchored</c> event as the AnchorRegistry emitted it: <paramref name="Root"/> anchored for a tree of
/// <paramref name="TreeSize"/> leaves by transaction <paramref name="TxHash"/> in block <paramref name="BlockNumber"/>.
/// </summary>
public sealed record OnChainAnchor(long BlockNumber, string TxHash, byte[] Root, long TreeSize, DateTimeOffset AnchoredAt);
