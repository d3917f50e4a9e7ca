namespace SafetyLedger.Ledger.Storage.Sqlite;

/// <summary>An encoded entry about to be inserted by the writer.</summary>
internal sealed record StagedEntry(long Position, string StreamId, long StreamVersion, string EventType, string Tenant, byte[] Bytes, byte[] LeafHash);
