namespace SafetyLedger.Ledger.Storage.Sqlite;

/// <summary>A stream's number in the database and its last version (-1 when it has no events).</summary>
internal readonly record struct StreamState(long StreamNo, long Version, bool IsNew = false);
