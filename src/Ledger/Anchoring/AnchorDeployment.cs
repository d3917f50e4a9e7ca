namespace SafetyLedger.Ledger.Anchoring;

/// <summary>A deployed AnchorRegistry: its checksummed <paramref name="Contract"/> address and the block and transaction that created it.</summary>
public sealed record AnchorDeployment(string Contract, long BlockNumber, string TxHash);
