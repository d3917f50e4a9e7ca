namespace SafetyLedger.Ledger.Storage.Sqlite;

/// <summary>An encoded entry about to be inserted by the writer.</summary>
internal sealed record StagedEntry(long Position, byte[] Bytes, byte[] LeafHash);
