namespace SafetyLedger.Ledger.Anchoring;

/// <summary>Every <c>Anchored</c> event of <paramref name="Contract"/> in blocks <paramref name="FromBlock"/> to <paramref name="ToBlock"/>, oldest first.</summary>
public sealed record OnChainAnchorHistory(string Contract, long FromBlock, long ToBlock, IReadOnlyList<OnChainAnchor> Anchors);
