using SafetyLedger.Ledger.Events;

namespace SafetyLedger.Ledger.Storage.Sqlite;

/// <summary>An accepted event with its position and stream version, waiting to be encoded and inserted.</summary>
internal sealed record StagedEntry(long Position, string StreamId, long StreamVersion, EventData Data);
