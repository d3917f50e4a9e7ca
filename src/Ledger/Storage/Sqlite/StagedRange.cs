namespace SafetyLedger.Ledger.Storage.Sqlite;

/// <summary>One append's run of versions in one stream, stored at consecutive positions.</summary>
internal sealed record StagedRange(long StreamNo, long FirstVersion, long FirstPosition, int Count);
