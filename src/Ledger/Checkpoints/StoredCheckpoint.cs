namespace SafetyLedger.Ledger.Checkpoints;

/// <summary>A checkpoint as issued: the signed note (C2SP tlog-checkpoint) and the root it commits to.</summary>
public sealed record StoredCheckpoint(long TreeSize, byte[] RootHash, string Note, DateTimeOffset IssuedAt);
