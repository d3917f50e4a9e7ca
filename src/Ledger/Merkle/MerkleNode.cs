namespace SafetyLedger.Ledger.Merkle;

/// <summary>A complete node of the tree: level 0 are leaves; covers leaves [Index·2^Level, (Index+1)·2^Level).</summary>
public readonly record struct MerkleNode(int Level, long Index, byte[] Hash);
